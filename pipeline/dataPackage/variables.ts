import type { CohortConfig } from '../types.ts';

/** One analysable variable: an input column (other than the role columns) or a derived one. */
export interface VariableInfo {
  id: string;
  label: string;
  description: string;
  type: string;
  unit?: string;
  vocabulary?: string;
  derived: boolean;
}

/** Every variable of the cohort in output order: input columns, then derived variables. */
export function cohortVariables(config: CohortConfig): VariableInfo[] {
  const roleColumns = new Set(Object.values(config.roles));
  const columns = config.columns
    .filter((c) => !roleColumns.has(c.name))
    .map((c) => ({
      id: c.name,
      label: c.label,
      description: c.description,
      type: c.type,
      unit: c.unit,
      vocabulary: c.vocabulary,
      derived: false,
    }));
  const derived = config.derived.map((d) => ({
    id: d.id,
    label: d.label,
    description: d.description,
    type: d.type,
    vocabulary: d.type === 'boolean' ? undefined : d.vocabulary,
    derived: true,
  }));
  return [...columns, ...derived];
}
