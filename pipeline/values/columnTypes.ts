/*
 * The shapes of the case table's columns (values/columns.ts says why they are typed arrays and how each
 * keeps "not reported" apart). Apart from the functions on them so that types.ts, whose CaseTable holds
 * them, imports no module that imports it.
 */

export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
  /** 1 where the value is reported. */
  readonly reported: Uint8Array;
}

export interface BooleanColumn {
  readonly kind: 'boolean';
  /** 1 yes, 0 no, -1 not reported. */
  readonly values: Int8Array;
}

export interface CodedColumn {
  readonly kind: 'coded';
  /** Index into `levels`, or -1 (not reported). */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export interface ListColumn {
  readonly kind: 'list';
  /** Row r's items are items[starts[r]] … items[starts[r + 1] - 1]; n + 1 entries. */
  readonly starts: Int32Array;
  /** Indexes into `levels`. */
  readonly items: Int32Array;
  readonly levels: readonly string[];
  /** 1 where the list is reported (an empty reported list is "none"). */
  readonly reported: Uint8Array;
}

export interface TextColumn {
  readonly kind: 'text';
  readonly values: ReadonlyArray<string | null>;
}

export type Column = NumberColumn | BooleanColumn | CodedColumn | ListColumn | TextColumn;
export type ColumnKind = Column['kind'];

/** The columns of a case table by variable id (input columns and derived variables). */
export type Columns = Readonly<Record<string, Column>>;
