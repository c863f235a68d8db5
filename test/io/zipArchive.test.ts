import { describe, expect, it } from 'vitest';
import { zipArchive } from '../../pipeline/io/zipArchive.ts';
import { unzipEntry } from '../helpers/unzipEntry.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('zipArchive', () => {
  const entries = [
    { name: '[Content_Types].xml', data: utf8('<Types/>') },
    { name: 'word/document.xml', data: utf8(`<w:t>Größe ≥ 5 cm ${'x'.repeat(5000)}</w:t>`) },
    { name: 'empty.txt', data: new Uint8Array(0) },
  ];

  it('holds every entry, deflated, read back by its central directory', () => {
    const zip = zipArchive(entries);
    for (const e of entries) expect(unzipEntry(zip, e.name)).toBe(new TextDecoder().decode(e.data));
    // The repeated text is compressed: the archive is far smaller than what it holds.
    expect(zip.length).toBeLessThan(1000);
  });

  it('starts with the first entry (a .docx must begin with [Content_Types].xml) and ends with the end record', () => {
    const zip = Buffer.from(zipArchive(entries));
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.toString('utf8', 30, 30 + '[Content_Types].xml'.length)).toBe('[Content_Types].xml');
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(3);
  });

  it('gives the same bytes for the same entries (fixed date), and other bytes for other contents', () => {
    expect(Buffer.from(zipArchive(entries)).equals(Buffer.from(zipArchive(entries)))).toBe(true);
    const changed = [entries[0]!, { name: 'word/document.xml', data: utf8('<w:t>other</w:t>') }];
    expect(Buffer.from(zipArchive(changed)).equals(Buffer.from(zipArchive(entries)))).toBe(false);
  });

  it('records each entry’s CRC-32, which a reader checks', () => {
    const zip = Buffer.from(zipArchive([{ name: 'a.txt', data: utf8('hello') }]));
    // CRC-32 of "hello" (IEEE 802.3, as zip uses): 0x3610a686.
    expect(zip.readUInt32LE(14)).toBe(0x3610a686);
  });
});
