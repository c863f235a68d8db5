/** A table for a manuscript: caption above, header row, body rows, footnotes below. */
export interface WordTable {
  /** "Table 1. Characteristics of the included patients" — the first sentence is set in bold. */
  caption: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  /** Abbreviations, the not-reported convention, methods: one paragraph each, below the table. */
  footnotes: readonly string[];
  /** Indices of the columns that hold numbers, right-aligned; the others are text, left-aligned. */
  numericColumns?: readonly number[];
  /** Relative column widths (e.g. [3, 2, 1]); equal when not given. */
  widths?: readonly number[];
  /** Wide tables (many columns) on a landscape page. */
  landscape?: boolean;
}

/** A font every Word (Windows, macOS, Word online) has, at journal table size. */
export const WORD_FONT = 'Times New Roman';
const SIZE = 20; // half-points: 10 pt
const FOOTNOTE_SIZE = 18;

/**
 * A .docx holding one real Word table (not an image), written with the docx package, which is loaded
 * only here, when the first Word table is written. The header row repeats on every page; the body has
 * thin horizontal rules only, as journals set tables.
 */
export async function wordTableDocx(table: WordTable): Promise<Uint8Array> {
  const docx = await import('docx');
  const { AlignmentType, BorderStyle, Document, Packer, PageOrientation, Paragraph, Table, TableCell } = docx;
  const { TableRow, TextRun, WidthType } = docx;
  const numeric = new Set(table.numericColumns ?? []);
  // The text width of an A4 page with Word's 2.54 cm margins, in twentieths of a point.
  const textWidth = table.landscape ? 16838 - 2 * 1440 : 11906 - 2 * 1440;
  const weights = table.widths ?? table.header.map(() => 1);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((w / weightSum) * textWidth));
  const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  // Font, size and the rules above and below the table are set once (the document's default run, the
  // table's borders), not on every cell: a table of 1,000 rows was ~14,000 cells, each with its own
  // border and run properties, and the docx package took seconds to build and serialise them.
  const cell = (text: string, column: number, header: boolean) =>
    new TableCell({
      width: { size: columnWidths[column]!, type: WidthType.DXA },
      ...(header ? { borders: { bottom: rule } } : {}),
      children: [
        new Paragraph({
          alignment: numeric.has(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun(header ? { text, bold: true } : text)],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    children: table.header.map((text, c) => cell(text, c, true)),
  });
  const body = table.rows.map(
    (row) => new TableRow({ children: row.map((text, c) => cell(text, c, false)) }),
  );
  const [first, ...rest] = table.caption.split(/(?<=\.)\s/);
  const caption = new Paragraph({
    spacing: { after: 120 },
    children: [
      new TextRun({ text: first ?? '', bold: true, font: WORD_FONT, size: 22 }),
      new TextRun({ text: rest.length > 0 ? ` ${rest.join(' ')}` : '', font: WORD_FONT, size: 22 }),
    ],
  });
  const footnotes = table.footnotes.map(
    (text) =>
      new Paragraph({
        spacing: { before: 60 },
        children: [new TextRun({ text, font: WORD_FONT, size: FOOTNOTE_SIZE })],
      }),
  );
  const document = new Document({
    creator: 'casepool',
    styles: { default: { document: { run: { font: WORD_FONT, size: SIZE } } } },
    sections: [
      {
        properties: table.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children: [
          caption,
          new Table({
            width: { size: textWidth, type: WidthType.DXA },
            columnWidths,
            borders: {
              top: rule,
              bottom: rule,
              left: none,
              right: none,
              insideHorizontal: none,
              insideVertical: none,
            },
            rows: [header, ...body],
          }),
          ...footnotes,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
