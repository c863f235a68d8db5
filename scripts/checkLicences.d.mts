// Types of scripts/checkLicences.mjs for the tests (the script itself runs as plain JavaScript).
export declare const PERMISSIVE: Set<string>;
export interface Review {
  license: string;
  reason: string;
  platformBinaries?: boolean;
}
export declare const REVIEWED: Map<string, Review>;
export interface LockedPackage {
  name: string;
  version: string;
  license: string;
  dev: boolean;
}
export type JudgedPackage = LockedPackage & { verdict: 'ok' | 'reviewed' | 'refused'; reason?: string };
export declare function isPermissive(expression: string): boolean;
export declare function lockedPackages(lock: unknown): LockedPackage[];
export declare function judgeLicences(packages: LockedPackage[]): JudgedPackage[];
