import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipArchive } from '../../pipeline/io/zipArchive.ts';
import { workbookSizeProblem } from '../../pipeline/parse/workbookSize.ts';

// The 768 MB bomb itself is in test/hostileInput.test.ts (generated there, streamed).
describe('workbookSizeProblem', () => {
  it('has nothing to say about an ordinary workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['case_id', 'SYNTHETIC']);
    expect(await workbookSizeProblem(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBeNull();
  });

  it('leaves what is not a zip to the workbook reader', async () => {
    expect(await workbookSizeProblem(new TextEncoder().encode('case_id,age\nSYN-1,5\n'))).toBeNull();
    expect(await workbookSizeProblem(new Uint8Array(0))).toBeNull();
  });

  it('counts what the entries inflate to, not what they declare', async () => {
    const zip = Buffer.from(zipArchive([{ name: 'a.xml', data: new Uint8Array(300 * 1024 * 1024) }]));
    expect(await workbookSizeProblem(zip)).toMatch(
      /^workbook unpacks to more than 256 MB, .*\(passed at a\.xml\)/,
    );
    // The same entry declaring 1 byte in both headers: still counted as it inflates.
    const lying = Buffer.from(zip);
    for (let at = 0; (at = lying.indexOf(Buffer.from('a.xml'), at + 1)) >= 0;) {
      const header = lying.readUInt32LE(at - 30) === 0x04034b50 ? at - 30 : at - 46;
      lying.writeUInt32LE(1, header + (header === at - 30 ? 22 : 24));
    }
    expect(await workbookSizeProblem(lying)).toMatch(/^workbook unpacks to more than 256 MB/);
  }, 30_000);
});
