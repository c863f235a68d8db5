import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { SchemaField, TableSchema } from '../../pipeline/dataPackage/tableSchema.ts';

interface Resource {
  name: string;
  path: string;
  schema: TableSchema;
}

/**
 * The Table Schema rules we rely on, checked against the files: header = field names in order,
 * every cell of its type, enums and bounds held, required and unique respected, primary and
 * foreign keys resolve. Returns one message per violation (empty = valid).
 */
export function checkDataPackage(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
  const problems: string[] = [];
  const tables = new Map<string, Array<Record<string, string>>>();
  for (const r of pkg.resources) {
    const text = readFileSync(join(dir, r.path), 'utf8');
    const [header] = parse(text, { to_line: 1 }) as string[][];
    const names = r.schema.fields.map((f) => f.name);
    if (JSON.stringify(header) !== JSON.stringify(names))
      problems.push(`${r.path}: header ${header} ≠ fields ${names}`);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    tables.set(r.name, rows);
    for (const f of r.schema.fields) {
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        const problem = checkCell(row[f.name] ?? '', f, r.schema.missingValues, seen);
        if (problem) problems.push(`${r.path}:${i + 2} ${f.name}: ${problem}`);
      });
    }
  }
  for (const r of pkg.resources) {
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = new Set(
        (tables.get(fk.reference.resource) ?? []).map((row) => row[fk.reference.fields[0]!]),
      );
      tables.get(r.name)!.forEach((row, i) => {
        const v = row[fk.fields[0]!]!;
        if (v !== '' && !target.has(v))
          problems.push(`${r.path}:${i + 2} ${fk.fields[0]}: "${v}" not in ${fk.reference.resource}`);
      });
    }
    for (const key of r.schema.primaryKey ?? []) {
      const values = tables.get(r.name)!.map((row) => row[key]);
      if (new Set(values).size !== values.length)
        problems.push(`${r.path}: primary key ${key} is not unique`);
    }
  }
  return problems;
}

function checkCell(value: string, f: SchemaField, missing: string[], seen: Set<string>): string | null {
  const c = f.constraints ?? {};
  if (missing.includes(value)) return c.required ? 'required but missing' : null;
  if (c.unique) {
    if (seen.has(value)) return `"${value}" is not unique`;
    seen.add(value);
  }
  if (f.type === 'number') {
    if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) return `"${value}" is not a number`;
    const x = Number(value);
    if (c.minimum !== undefined && x < c.minimum) return `${x} < minimum ${c.minimum}`;
    if (c.exclusiveMinimum !== undefined && x <= c.exclusiveMinimum)
      return `${x} ≤ exclusiveMinimum ${c.exclusiveMinimum}`;
    if (c.maximum !== undefined && x > c.maximum) return `${x} > maximum ${c.maximum}`;
  }
  if (f.type === 'boolean' && ![...(f.trueValues ?? []), ...(f.falseValues ?? [])].includes(value)) {
    return `"${value}" is not one of the boolean values`;
  }
  if (c.enum && !c.enum.includes(value)) return `"${value}" is not in enum`;
  return null;
}
