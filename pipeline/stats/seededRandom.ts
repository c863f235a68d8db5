/**
 * A reproducible stream of uniform numbers in [0, 1) from a 32-bit seed: Marsaglia's (2003) xorshift32
 * generator. Fast and plenty for simulation in tests and examples; not for cryptography. The state lives
 * in the returned closure, so separate streams never interfere.
 */
export function seededRandom(seed: number): () => number {
  // xorshift has one fixed point, 0; any other 32-bit state is on the single full cycle of length 2^32 - 1.
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** A uniform integer from lower to upper inclusive, drawn from a stream made by seededRandom. */
export function randomInteger(random: () => number, lower: number, upper: number): number {
  return lower + Math.floor(random() * (upper - lower + 1));
}
