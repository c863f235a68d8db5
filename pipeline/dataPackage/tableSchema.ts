import type { CohortConfig } from '../types.ts';
import { cohortVariables, type VariableInfo } from './variables.ts';

/** A field of a Frictionless Table Schema (the subset we write). */
export interface SchemaField {
  name: string;
  title: string;
  description: string;
  type: 'string' | 'number' | 'boolean';
  trueValues?: string[];
  falseValues?: string[];
  constraints?: {
    required?: boolean;
    unique?: boolean;
    minimum?: number;
    exclusiveMinimum?: number;
    maximum?: number;
    enum?: string[];
  };
  /** Not part of the standard; Table Schema allows extra properties. */
  unit?: string;
  /**
   * The vocabulary of a category or list variable: each allowed term with its label and the other
   * spellings the input accepts for it (not part of the standard, as `unit`). A list's cell joins
   * terms with "; ", so it cannot carry an `enum`; its terms are listed here.
   */
  terms?: VocabularyTerm[];
}

export interface VocabularyTerm {
  value: string;
  label: string;
  synonyms: string[];
}

export interface TableSchema {
  fields: SchemaField[];
  missingValues: string[];
  primaryKey?: string[];
  foreignKeys?: Array<{ fields: string[]; reference: { resource: string; fields: string[] } }>;
}

const BOOLEAN = { type: 'boolean' as const, trueValues: ['yes'], falseValues: ['no'] };

function variableField(v: VariableInfo, config: CohortConfig): SchemaField {
  const base = { name: v.id, title: v.label, description: v.description };
  const column = config.columns.find((c) => c.name === v.id);
  const vocabulary = v.vocabulary ? config.vocabularies[v.vocabulary]!.terms : undefined;
  const terms = vocabulary?.map((t) => t.id);
  const termList = vocabulary
    ? {
        terms: vocabulary.map((t) => ({
          value: t.id,
          label: t.label,
          synonyms: (t.synonyms ?? []).filter((x) => x.toLowerCase() !== t.id.toLowerCase()),
        })),
      }
    : {};
  switch (v.type) {
    case 'number':
    case 'size':
    case 'duration': {
      const constraints: SchemaField['constraints'] = {};
      if (column?.min !== undefined) {
        if (column.exclusiveMin) constraints.exclusiveMinimum = column.min;
        else constraints.minimum = column.min;
      }
      if (column?.max !== undefined) constraints.maximum = column.max;
      return { ...base, type: 'number', ...(v.unit ? { unit: v.unit } : {}), constraints };
    }
    case 'boolean':
      return { ...base, ...BOOLEAN };
    case 'category':
      return { ...base, type: 'string', constraints: terms ? { enum: terms } : {}, ...termList };
    case 'list':
      return {
        ...base,
        type: 'string',
        ...termList,
        description: `${v.description} Terms joined by "; " ("none" for a list reported as empty); one row per term in ${v.id}.csv.`,
      };
    default:
      return { ...base, type: 'string' };
  }
}

/** A field's allowed values: its vocabulary's terms, its enum, or its true and false values. */
export function allowedValues(f: SchemaField): string[] {
  return (
    f.terms?.map((t) => t.value) ??
    f.constraints?.enum ??
    (f.trueValues ? [...f.trueValues, ...(f.falseValues ?? [])] : [])
  );
}

/** "abdominal_pain: abdominal discomfort | epigastric pain; flank_pain: loin pain", terms without any left out. */
export function synonymsText(f: SchemaField): string {
  return (f.terms ?? [])
    .filter((t) => t.synonyms.length > 0)
    .map((t) => `${t.value}: ${t.synonyms.join(' | ')}`)
    .join('; ');
}

/**
 * The codebook rows (variable, label, type, unit, allowed values, synonyms, meaning) of a schema's
 * fields. Every vocabulary variable, lists included, gives its terms and the spellings read as each.
 */
export function codebookRows(schema: TableSchema): string[][] {
  return schema.fields.map((f) => [
    f.name,
    f.title,
    f.type,
    f.unit ?? '',
    allowedValues(f).join('; '),
    synonymsText(f),
    f.description,
  ]);
}

export const CODEBOOK_HEADER = ['variable', 'label', 'type', 'unit', 'allowed_values', 'synonyms', 'meaning'];

/** Schema of tidy/cases.csv: one field per column of the file, in the file's order. */
export function casesSchema(config: CohortConfig): TableSchema {
  return {
    fields: [
      {
        name: 'case_id',
        title: 'Case',
        description: 'Unique id of the patient row.',
        type: 'string',
        constraints: { required: true, unique: true },
      },
      {
        name: 'source_id',
        title: 'Source',
        description: 'Publication the row comes from; see sources.csv.',
        type: 'string',
        constraints: { required: true },
      },
      {
        name: 'included',
        title: 'Included',
        description: 'no: kept out of the analysis, for the reason given.',
        ...BOOLEAN,
        constraints: { required: true },
      },
      {
        name: 'exclusion_reason',
        title: 'Exclusion reason',
        description: 'Why a row is kept out of the analysis.',
        type: 'string',
      },
      ...cohortVariables(config).map((v) => variableField(v, config)),
    ],
    missingValues: [''],
    primaryKey: ['case_id'],
    foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['source_id'] } }],
  };
}

/** Schema of a long table `tidy/<variable>.csv` (case_id, value). */
export function longTableSchema(v: VariableInfo, config: CohortConfig): TableSchema {
  const terms = v.vocabulary ? config.vocabularies[v.vocabulary]!.terms.map((t) => t.id) : undefined;
  return {
    fields: [
      {
        name: 'case_id',
        title: 'Case',
        description: 'Patient row in cases.csv.',
        type: 'string',
        constraints: { required: true },
      },
      {
        name: 'value',
        title: v.label,
        description: v.description,
        type: 'string',
        constraints: { required: true, ...(terms ? { enum: terms } : {}) },
      },
    ],
    missingValues: [''],
    foreignKeys: [{ fields: ['case_id'], reference: { resource: 'cases', fields: ['case_id'] } }],
  };
}

export function sourcesSchema(header: readonly string[]): TableSchema {
  return {
    fields: header.map((name) => ({
      name,
      title: name,
      description: name === 'source_id' ? 'Id of the publication, cited by cases.csv.' : '',
      type: 'string' as const,
      ...(name === 'source_id' ? { constraints: { required: true, unique: true } } : {}),
    })),
    missingValues: [''],
    primaryKey: ['source_id'],
  };
}

/** Frictionless Data Package descriptor for the tidy folder: loads with its types in R, Python, etc. */
export function dataPackage(
  config: CohortConfig,
  sourceHeader: readonly string[],
  generatedAt: string,
): Record<string, unknown> {
  const lists = cohortVariables(config).filter((v) => v.type === 'list');
  const resource = (name: string, path: string, title: string, schema: TableSchema) => ({
    name,
    path,
    title,
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
    schema,
  });
  return {
    profile: 'tabular-data-package',
    name: config.id,
    title: config.title,
    description: config.description,
    created: generatedAt,
    resources: [
      resource('cases', 'cases.csv', 'One row per patient, one column per variable', casesSchema(config)),
      ...lists.map((v) =>
        resource(v.id, `${v.id}.csv`, `${v.label}: one row per patient and term`, longTableSchema(v, config)),
      ),
      resource('sources', 'sources.csv', 'Publications', sourcesSchema(sourceHeader)),
    ],
  };
}
