import { createInflateRaw } from 'node:zlib';
import { excerpt } from './excerpt.ts';
import { formatBytes, INPUT_LIMITS } from './inputLimits.ts';

/** One file inside the workbook's zip, as its central directory describes it. */
interface ZipEntryHeader {
  name: string;
  method: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const readU16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const readU32 = (b: Uint8Array, at: number) => (readU16(b, at) | (readU16(b, at + 2) << 16)) >>> 0;

/** The central directory's entries, or null when the bytes are not a zip we can read (exceljs says why). */
function zipEntries(bytes: Uint8Array): ZipEntryHeader[] | null {
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535 bytes, at the end.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65_535; at--)
    if (readU32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return null;
  const count = readU16(bytes, end + 10);
  let at = readU32(bytes, end + 16);
  const entries: ZipEntryHeader[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || readU32(bytes, at) !== 0x02014b50) return null;
    const nameLength = readU16(bytes, at + 28);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: readU16(bytes, at + 10),
      compressedSize: readU32(bytes, at + 20),
      offset: readU32(bytes, at + 42),
    });
    at += 46 + nameLength + readU16(bytes, at + 30) + readU16(bytes, at + 32);
  }
  return entries;
}

/**
 * How many bytes the deflated data inflates to, counted as it streams out and stopped as soon as it
 * passes `limit` (then some number above it): the size an entry declares can lie, and inflating a bomb
 * whole is what this guards against. A damaged stream counts what came out (exceljs reports it).
 */
function inflatedBytes(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 1024 * 1024 });
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(total);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) finish();
    });
    inflate.on('end', finish);
    inflate.on('error', finish);
    inflate.end(data);
  });
}

/**
 * What is wrong with the size of a workbook's contents, or null: an .xlsx is a zip, and 0.8 MB of
 * it can inflate to gigabytes (a picture of zeros in `xl/media`), which the workbook reader would hold
 * in memory. Every entry is inflated here first, counting bytes without keeping them, and the whole
 * may unpack to at most INPUT_LIMITS.workbookInflatedBytes, what a CSV file may have.
 */
export async function workbookSizeProblem(bytes: Uint8Array): Promise<string | null> {
  const entries = zipEntries(bytes);
  if (entries === null) return null;
  const limit = INPUT_LIMITS.workbookInflatedBytes;
  let total = 0;
  for (const entry of entries) {
    const local = entry.offset;
    if (local + 30 > bytes.length || readU32(bytes, local) !== 0x04034b50) return null;
    const start = local + 30 + readU16(bytes, local + 26) + readU16(bytes, local + 28);
    // ZIP64 (sizes of 4 GB and more) is never needed by a workbook within the limit.
    if (entry.compressedSize === 0xffffffff)
      return `workbook entry ${excerpt(entry.name)} is larger than 4 GB; a workbook may unpack to at most ${formatBytes(limit)}`;
    const data = bytes.subarray(start, start + entry.compressedSize);
    const size = entry.method === 0 ? data.length : await inflatedBytes(data, limit - total);
    total += size;
    if (total > limit)
      return `workbook unpacks to more than ${formatBytes(limit)}, more than an input may have (passed at ${excerpt(entry.name)}): remove pictures and other sheets from it, or save the sheet as "CSV UTF-8"`;
  }
  return null;
}
