/**
 * How stats.json writes an infinite number (an odds ratio or a confidence limit that is unbounded): as the
 * string "Infinity" or "-Infinity". JSON has no infinity and JSON.stringify would write null, which in
 * stats.json means "not computed" (no test, an undefined interval). NaN is written null.
 */
export function statsJsonReplacer(_key: string, value: unknown): unknown {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

/**
 * Reads stats.json's infinities back as numbers: JSON.parse(text, statsJsonReviver). Every string value
 * "Infinity" or "-Infinity" becomes the number (stats.json has no text field that is exactly that word
 * unless a cohort names something so).
 */
export function statsJsonReviver(_key: string, value: unknown): unknown {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

/** The text of stats.json. */
export const statsJsonText = (stats: unknown) => `${JSON.stringify(stats, statsJsonReplacer, 2)}\n`;
