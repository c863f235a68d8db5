/** How a table named in cohort.json `files` is stored. */
export interface TableFile {
  /** The file, relative to the cohort folder. */
  path: string;
  /** `unsupported`: a spreadsheet format that is not read (.xls, .xlsm, .xlsb, .ods, .numbers). */
  format: 'csv' | 'xlsx' | 'unsupported';
  /** The worksheet named after `#` (`extraction.xlsx#Patients`); absent: the first sheet. */
  sheet?: string;
}

/**
 * A `files` entry → file, format and sheet. Only an `.xlsx` name takes a `#Sheet` suffix, so a CSV
 * whose name holds a `#` is read as it is. Any other name is read as CSV, as before.
 */
export function tableFile(name: string): TableFile {
  const withSheet = /^(.*\.xlsx)#(.+)$/i.exec(name);
  if (withSheet) return { path: withSheet[1]!, format: 'xlsx', sheet: withSheet[2]! };
  if (/\.xlsx$/i.test(name)) return { path: name, format: 'xlsx' };
  if (/\.(xls|xlsm|xlsb|ods|numbers)$/i.test(name)) return { path: name, format: 'unsupported' };
  return { path: name, format: 'csv' };
}

const OTHER_FORMATS = ['.csv', '.xlsx', '.xls', '.txt', '.tsv'];

/**
 * What to say when `missing` (as named in cohort.json) is not in its folder, whose file names are
 * `filesInFolder`, but a file of the same name in another format is there (cases.xlsx where
 * cohort.json names cases.csv, or the reverse); null when there is none.
 */
export function otherFormatHint(missing: string, filesInFolder: string[], role: string): string | null {
  const slash = Math.max(missing.lastIndexOf('/'), missing.lastIndexOf('\\'));
  const folder = missing.slice(0, slash + 1);
  const base = missing.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
  const other = filesInFolder.find(
    (f) =>
      f.toLowerCase() !== base.toLowerCase() &&
      OTHER_FORMATS.some((ext) => f.toLowerCase() === `${stem}${ext}`),
  );
  if (other === undefined) return null;
  const found = `${folder}${other}`;
  const saveAs =
    /\.xlsx?$/i.test(found) && !/\.xlsx?$/i.test(missing) ? ', or save the sheet as CSV UTF-8' : '';
  return `${missing} not found; the folder has ${found} — name it in cohort.json files.${role}${saveAs}`;
}
