import { isAbsolute, resolve, sep } from 'node:path';

/**
 * `relativePath` resolved inside `folder`. Output paths are built from ids the schema restricts to
 * plain names, so a path that leaves the folder is a bug in casepool: it throws, nothing is written.
 */
export function resolveInside(folder: string, relativePath: string): string {
  const path = resolve(folder, relativePath);
  if (isAbsolute(relativePath) || !path.startsWith(`${resolve(folder)}${sep}`))
    throw new Error(`output file path ${JSON.stringify(relativePath)} would leave the output folder`);
  return path;
}
