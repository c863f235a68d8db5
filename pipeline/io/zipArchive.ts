import { crc32, deflateRawSync } from 'node:zlib';

/** A file in a zip archive: its name (forward slashes) and bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** MS-DOS date of 1980-01-01 (the earliest a zip can hold) with time 00:00: the same bytes on every run. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * A zip archive (PKWARE APPNOTE 6.3: local headers, central directory, end record) of `entries` in
 * their order, each deflated (method 8) at zlib's default level, dated 1980-01-01 so that the same
 * entries give the same bytes. No zip64: an entry or the archive under 4 GB (a Word table is kilobytes
 * to a few megabytes).
 */
export function zipArchive(entries: readonly ZipEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const fields = { crc, compressed: compressed.length, size: entry.data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    // No extra field (bytes 28–29).
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    writeEntryFields(header, 6, fields);
    // Extra field, comment, disk number, internal and external attributes: all 0.
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, compressed);
    central.push(header, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/**
 * The fields a local header and its central-directory header share, in the same order (APPNOTE
 * 4.3.7 and 4.3.12): version needed, flags, method, time, date, CRC-32, sizes, name length.
 */
function writeEntryFields(
  buffer: Buffer,
  at: number,
  entry: { crc: number; compressed: number; size: number; nameLength: number },
): void {
  buffer.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  buffer.writeUInt16LE(0x0800, at + 2); // flags: names in UTF-8
  buffer.writeUInt16LE(8, at + 4); // deflate
  buffer.writeUInt16LE(DOS_TIME, at + 6);
  buffer.writeUInt16LE(DOS_DATE, at + 8);
  buffer.writeUInt32LE(entry.crc, at + 10);
  buffer.writeUInt32LE(entry.compressed, at + 14);
  buffer.writeUInt32LE(entry.size, at + 18);
  buffer.writeUInt16LE(entry.nameLength, at + 22);
}
