/**
 * How large an input may be, in one place. The file size is a memory budget: the text of a table is
 * held once while it is read, and its values after that. Measured on synthetic adrenal cohorts
 * (`npm run bench`, PNGs, 2026-12-02, 2 cores): 124 MB (1,000,000 patients) peaks at 2.3 GB resident
 * with Node's default heap (V8 collects late while memory is plentiful), 0.99 GB under
 * `--max-old-space-size=768`; 205 MB (1,650,000 patients) runs under `--max-old-space-size=2048`
 * with a peak of 2.0 GB. V8 cannot hold a string of
 * more than 512 MB, so no limit above that would help; 256 MB leaves a margin for text with accents
 * (two bytes per character in memory).
 */
export const INPUT_LIMITS = {
  /** Bytes of one CSV file. */
  tableBytes: 256 * 1024 * 1024,
  /** Bytes of cohort.json (the shipped ones are 20–40 kB). */
  configBytes: 4 * 1024 * 1024,
  /** Characters of one line of a CSV file (a 10 MB notes cell still fits). */
  lineChars: 16 * 1024 * 1024,
  /** Cells of the header row (of a CSV file, and of a worksheet up to its last cell that holds a value). */
  columns: 1000,
  /**
   * Bytes a workbook (.xlsx, a zip) may unpack to, all its files together, counted before it is read:
   * the same as a CSV file may have. A sheet's XML is several times the CSV of the same table.
   */
  workbookInflatedBytes: 256 * 1024 * 1024,
} as const;

/** 268435456 → "256 MB" (binary megabytes, as `ls -h` counts them). */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
