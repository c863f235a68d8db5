import type { RunOptions } from './run.ts';

export async function watchCohorts(
  _jobs: Array<{ dir: string; out: string }>,
  _options: RunOptions,
  print: (s: string) => void,
): Promise<number> {
  print('watch mode is not implemented yet');
  return 2;
}
