/** Inline CSS: the report is one file that works from disk with no network. */
export const PAGE_STYLE = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --accent: #1f6fb2; --warn: #a35200; --err: #b00020; --ok: #1b7f3b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); margin: 0; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; background: white; }
body > footer { max-width: 1180px; margin: 0 auto; padding: 8px 28px 24px; }
h1 { font-size: 1.6em; margin: 0.2em 0; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin-top: 1.4em; }
.muted, .note { color: var(--muted); } .note { font-size: 0.9em; }
nav a { margin-right: 14px; white-space: nowrap; display: inline-block; }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 16px 0; }
.headline div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.headline .value { font-size: 1.35em; font-weight: bold; display: block; }
.headline .label { font-size: 0.85em; color: var(--muted); }
.headline .share { font-size: 1.05em; font-weight: bold; display: block; font-variant-numeric: tabular-nums; }
.panels { display: grid; grid-template-columns: 1fr; gap: 18px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px; overflow-x: auto; }
figure figcaption { font-size: 0.85em; color: var(--muted); margin-top: 4px; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.88em; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f1f3f4; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-match { color: var(--ok); font-weight: bold; } .status-differs { color: var(--err); font-weight: bold; } .status-unavailable { color: var(--muted); }
.sev-error { color: var(--err); font-weight: bold; } .sev-warning { color: var(--warn); font-weight: bold; } .sev-info { color: var(--muted); }
tr.excluded td { color: var(--muted); background: #fbf7f0; }
.withheld { color: var(--warn); }
.scroll { max-height: 80vh; overflow: auto; border: 1px solid var(--line); }
td.long { min-width: 26em; max-width: 40em; font-size: 0.92em; }
#cases tr.case td { border-bottom: none; white-space: nowrap; }
#cases tr.notes td { font-size: 0.88em; color: var(--muted); padding-top: 0; padding-bottom: 6px; white-space: normal; }
#cases tr.notes p { margin: 0 0 2px; max-width: 80em; }
#cases tr.notes summary { cursor: pointer; }
.note-label { font-weight: bold; }
.caution { color: var(--warn); }
ul.terms { margin: 0; padding-left: 1.1em; }
details.combined > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
code { background: #f1f3f4; padding: 0 3px; border-radius: 3px; }
#tooltip { position: fixed; pointer-events: none; background: rgba(29,29,31,0.94); color: white; padding: 6px 9px; border-radius: 4px; font-size: 12px; max-width: 420px; display: none; z-index: 10; white-space: pre-wrap; }
@page { margin: 12mm; }
@media print {
  nav, #tooltip, details.combined, #figure-combined-section { display: none; }
  body { background: white; font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  figure, .headline div, tr { break-inside: avoid; }
  figure { overflow: visible; border: none; }
  /* The whole case table prints: no scroll box, cells wrap, a case's notes stay with its row. */
  .scroll { max-height: none; overflow: visible; border: none; }
  #cases { font-size: 7pt; table-layout: auto; }
  #cases th { position: static; }
  #cases tr.case td { white-space: normal; padding: 1px 3px; }
  #cases tr.case td:first-child { white-space: nowrap; }
  #cases tr.case { break-after: avoid; }
  #cases tr.notes td { padding: 0 3px 3px; }
  details > summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
  thead { display: table-header-group; }
}
`;
