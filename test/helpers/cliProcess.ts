import { spawn } from 'node:child_process';

/** The CLI from the sources in a child process, its stdout and stderr collected as they come. */
export function startCli(args: readonly string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'pipeline/cli/cli.ts', ...args], {
    env: { ...process.env, ...env },
  });
  const output = { text: '' };
  child.stdout.on('data', (d: Buffer) => (output.text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output.text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** Resolves with the match once a line matching `pattern` has appeared `count` times in the output. */
export function waitFor(
  output: { text: string },
  pattern: RegExp,
  count = 1,
  ms = 45_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const hits = output.text.split('\n').filter((l) => pattern.test(l));
      if (hits.length >= count) {
        clearInterval(poll);
        resolve(hits[count - 1]!.match(pattern)!);
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${pattern} ×${count}; output:\n${output.text}`));
      }
    }, 50);
  });
}
