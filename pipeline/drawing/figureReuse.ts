import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveInside } from '../io/resolveInside.ts';
import { installedBundles } from './loadVega.ts';

/** Where a report records what each figure was drawn from, so the next run can reuse what did not change. */
export const FIGURE_MANIFEST = 'figures/manifest.json';
const MANIFEST_VERSION = 1;

/** What a report's manifest says of one figure: the keys it was drawn for, and the files' hashes. */
export interface FigureRecord {
  /** sha256 of what the SVG was laid out from (renderer, spec), or null when our own code wrote it. */
  layout: string | null;
  /** The SVG's root element as laid out, before the print size replaced its width and height. */
  root: string;
  /** sha256 of the SVG as laid out (screen size, as the page shows it). */
  screen: string;
  /** sha256 of `figures/<id>.svg` as written. */
  svg: string;
  /** The PNG's key (renderer, dpi, pixel width, SVG) and the sha256 of `figures/<id>.png`; null without one. */
  png: { key: string; sha256: string } | null;
}

/**
 * A chart laid out as part of a figure but not written as a file of its own (the combined figure's
 * panels), by layout key: the SVG and its sha256.
 */
export interface PartRecord {
  sha256: string;
  svg: string;
}

export interface FigureManifest {
  version: number;
  /** The versions the keys include, for a reader. */
  renderer: Record<string, string>;
  figures: Record<string, FigureRecord>;
  parts: Record<string, PartRecord>;
}

export const sha256 = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');

const require = createRequire(import.meta.url);

/** The version of an installed package: its package.json, or (when its exports hide it) the one above its entry point. */
function packageVersion(name: string): string {
  const versionIn = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  try {
    return versionIn(require.resolve(`${name}/package.json`)) ?? 'unknown';
  } catch {
    // vega and vega-lite export no ./package.json.
  }
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === name) return manifest.version ?? 'unknown';
  }
  return 'unknown';
}

/** The drawing room: this folder, whose every module is part of the renderer a figure's key names. */
const DRAWING_ROOM = fileURLToPath(new URL('.', import.meta.url));

/**
 * The modules outside the drawing room that its modules import for their values (a test holds this
 * list to the room's imports, so a new one cannot be left off): the unsafe characters removed from an
 * SVG, the font family resvg is told, the print size and default figure options a PNG is made at, the
 * reading of a previous report. Paths from the room, without extension.
 */
export const DRAWING_DEPENDENCIES = [
  '../charts/figureOptions',
  '../charts/printSize',
  '../charts/theme',
  '../io/resolveInside',
  '../parse/unsafeText',
];

/**
 * The text of the code that draws a figure beyond its spec (text widths, the resvg options, pHYs, the
 * characters removed, which libraries are loaded): every module of `room` with the extension `ext`
 * (`.ts` from the sources, `.js` built), listed from the folder, so a module added to the room is
 * covered without being named; then the dependencies above. Name and text of each, in name order.
 */
export function drawingCode(room = DRAWING_ROOM, ext = extname(fileURLToPath(import.meta.url))): string[] {
  const modules = readdirSync(room, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => entry.name)
    .sort();
  const dependencies = DRAWING_DEPENDENCIES.map((m) => `${m}${ext}`);
  return [...modules, ...dependencies].flatMap((name) => [name, readFileSync(join(room, name), 'utf8')]);
}

let fingerprint: { versions: Record<string, string>; hash: string } | undefined;

/**
 * The renderer a figure's key includes (read once per process): package versions, whether vega's
 * bundles are there (loadVega.ts draws with the packages' ES modules otherwise, whose SVG differs in a
 * default), and the drawing code: a change to any of it draws every figure again.
 */
export function rendererFingerprint(): { versions: Record<string, string>; hash: string } {
  if (fingerprint) return fingerprint;
  const versions: Record<string, string> = {};
  for (const name of ['vega', 'vega-lite', '@resvg/resvg-js', 'dejavu-fonts-ttf'])
    versions[name] = packageVersion(name);
  const bundles = Object.values(installedBundles()).map((file) => file !== null && existsSync(file));
  fingerprint = { versions, hash: sha256(JSON.stringify([versions, bundles, ...drawingCode()])) };
  return fingerprint;
}

/** Key of a chart's layout: the same spec with the same renderer lays out the same SVG. */
export const layoutKey = (spec: Record<string, unknown>) =>
  sha256(`layout\n${rendererFingerprint().hash}\n${JSON.stringify(spec)}`);

/** Key of a PNG: the same SVG at the same dpi and pixel width with the same renderer gives the same bytes. */
export const pngKey = (svg: string, dpi: number, widthPx: number) =>
  sha256(`png\n${rendererFingerprint().hash}\n${dpi}\n${widthPx}\n${svg}`);

/** The figures of the previous report that may be reused; every file is checked against its hash first. */
export interface PreviousFigures {
  /** The SVG laid out for `layout` as the previous report holds it, or null (redraw it). */
  svg(id: string, layout: string): string | null;
  /** The PNG for `key`, or null (rasterise it). */
  png(id: string, key: string): Uint8Array | null;
  /** The SVG of a part laid out for `layout`, or null (lay it out). */
  part(layout: string): string | null;
}

export const NO_PREVIOUS_FIGURES: PreviousFigures = { svg: () => null, png: () => null, part: () => null };

const ROOT_ELEMENT = /<svg\b[^>]*>/;

/**
 * Markup that could act in a page, which our renderer never writes into an SVG: a script or foreign
 * content, an element that sets attributes (animate, set), an event attribute (on…), any link
 * (href, so no javascript: URL either), a javascript: text, also when spelled with numeric character
 * references (escapeHtml writes `&#39;` for an apostrophe, so they are read, not refused). The previous report is the user's files: a figure read from it with any
 * of this is drawn again instead, so what is inlined into the page is only what we drew.
 */
const ACTIVE_SVG_CONTENT =
  /<\s*(?:script|foreignObject|iframe|embed|object|animate\w*|set|handler|listener|a)\b|\son[a-z]+\s*=|\bhref\b|javascript\s*:/i;

const NUMERIC_REFERENCE = /&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));?/gi;

export const svgHasActiveContent = (svg: string) =>
  ACTIVE_SVG_CONTENT.test(
    svg.replace(NUMERIC_REFERENCE, (_, hex: string | undefined, dec: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }),
  );

/**
 * The bytes of the plain file `path` inside `dir` (a real path), or null: a link, at the file or at
 * a folder on its way (`figures/` linked elsewhere), is never followed out of the previous report.
 */
function readInside(dir: string, path: string): Buffer | null {
  let fd: number;
  try {
    const full = resolveInside(dir, path);
    if (!realpathSync(full).startsWith(dir + sep)) return null;
    fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The figures of the report in `dir` (the previous report under `--out`, a real path), read only
 * inside it, never through a link. Anything missing, unreadable, edited, from another renderer, or
 * with markup that could act in a page is not reused, so the worst a damaged (or hostile) report
 * costs is a redraw.
 */
export function readPreviousFigures(previous: string | null): PreviousFigures {
  if (previous === null) return NO_PREVIOUS_FIGURES;
  let dir: string;
  let manifest: FigureManifest;
  try {
    dir = realpathSync(previous);
    const text = readInside(dir, FIGURE_MANIFEST);
    if (text === null) return NO_PREVIOUS_FIGURES;
    manifest = JSON.parse(text.toString('utf8')) as FigureManifest;
    if (
      manifest.version !== MANIFEST_VERSION ||
      typeof manifest.figures !== 'object' ||
      typeof manifest.parts !== 'object'
    )
      return NO_PREVIOUS_FIGURES;
  } catch {
    return NO_PREVIOUS_FIGURES;
  }
  const record = (id: string): FigureRecord | undefined =>
    Object.hasOwn(manifest.figures, id) ? manifest.figures[id] : undefined;
  const read = (path: string, expected: string): Buffer | null => {
    const bytes = readInside(dir, path);
    return bytes !== null && sha256(bytes) === expected ? bytes : null;
  };
  return {
    svg(id, layout) {
      const r = record(id);
      if (!r || r.layout !== layout || typeof r.root !== 'string') return null;
      const written = read(`figures/${id}.svg`, r.svg)?.toString('utf8');
      if (written === undefined) return null;
      const screen = written.replace(ROOT_ELEMENT, () => r.root);
      return sha256(screen) === r.screen && !svgHasActiveContent(screen) ? screen : null;
    },
    png(id, key) {
      const r = record(id)?.png;
      if (!r || r.key !== key) return null;
      const bytes = read(`figures/${id}.png`, r.sha256);
      return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
    },
    part(layout) {
      const r = Object.hasOwn(manifest.parts, layout) ? manifest.parts[layout] : undefined;
      return r && typeof r.svg === 'string' && sha256(r.svg) === r.sha256 && !svgHasActiveContent(r.svg)
        ? r.svg
        : null;
    },
  };
}

/** The record of a figure as this run writes it. */
export function figureRecord(
  layout: string | null,
  screenSvg: string,
  writtenSvg: string,
  png: { key: string; content: Uint8Array } | null,
): FigureRecord {
  return {
    layout,
    root: ROOT_ELEMENT.exec(screenSvg)?.[0] ?? '',
    screen: sha256(screenSvg),
    svg: sha256(writtenSvg),
    png: png ? { key: png.key, sha256: sha256(png.content) } : null,
  };
}

const byKey = <T>(entries: Iterable<[string, T]>) =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The manifest file's text; figures and parts by id (charts finish in any order), the same on every run. */
export function manifestText(
  figures: ReadonlyMap<string, FigureRecord>,
  parts: ReadonlyMap<string, string>,
): string {
  const manifest: FigureManifest = {
    version: MANIFEST_VERSION,
    renderer: rendererFingerprint().versions,
    figures: byKey(figures),
    parts: byKey(
      [...parts].map(([layout, svg]): [string, PartRecord] => [layout, { sha256: sha256(svg), svg }]),
    ),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
