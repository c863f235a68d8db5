import { derivedRuleText } from '../conditions/conditionText.ts';
import { casesSchema, codebookRows } from '../dataPackage/tableSchema.ts';
import type { VariableInfo } from '../dataPackage/variables.ts';
import type { Stats } from '../stages/analyze.ts';
import type { CaseTable, CohortConfig, Finding, Source } from '../types.ts';
import { caseTable } from './caseTable.ts';
import { html, type Html } from './escapeHtml.ts';
import { plural } from './formatNumber.ts';
import { findingsList } from './findingsList.ts';
import { formatDate } from './formatDate.ts';
import { inlineCode } from './inlineCode.ts';
import { sortFindings } from './findingOrder.ts';
import { TOOLTIP_SCRIPT } from './tooltipScript.ts';
import { dataTable } from './dataTable.ts';
import { inlineScript, pageHead } from './pageHead.ts';
import { versionsText } from '../versions.ts';

/** A section of the page that an analysis wrote (pipeline/analyses/), in the order they are listed. */
export interface ReportSection {
  id: string;
  title: string;
  /** Its short name in the navigation. */
  nav: string;
  body: Html;
}

export interface ReportModel {
  config: CohortConfig;
  stats: Stats;
  cases: CaseTable;
  sources: readonly Source[];
  variables: readonly VariableInfo[];
  findings: readonly Finding[];
  /** The analyses' sections: figures, reconciliation, survival, … */
  sections: readonly ReportSection[];
  /** The analyses' Methods paragraphs, in order: each heading with its sentences. */
  methods: ReadonlyArray<{ topic: string; sentences: Html[] }>;
  /** The analyses' headline cards, in the order they are shown (after the counts of patients). */
  headlineCards: readonly Html[];
  /** Resolution of the PNGs, for the page's note on the files (null: the run wrote none). */
  pngDpi?: number | null;
  tidyFiles: readonly string[];
  generatedAt: string;
}

/** Generated from the same schema as tidy/datapackage.json and tidy/codebook.csv. */
function codebook(model: ReportModel): Html {
  const rows = casesSchema(model.config).fields.map((f) => {
    const [name, label, type, unit, allowed, , meaning] = codebookRows({
      fields: [f],
      missingValues: [],
    })[0]!;
    const terms = f.terms
      ? html`<ul class="terms">
          ${f.terms.map(
            (t) =>
              html`<li>
                <code>${t.value}</code>
                ${t.label}${t.synonyms.length ? html`<span class="note">: also ${t.synonyms.join(', ')}</span>` : ''}
              </li>`,
          )}
        </ul>`
      : html`${allowed}`;
    return html`<tr>
      <td><code>${name}</code></td>
      <td>${label}</td>
      <td>${type}</td>
      <td>${unit}</td>
      <td>${terms}</td>
      <td>${inlineCode(meaning ?? '')}</td>
    </tr>`;
  });
  return html`${dataTable('codebook', ['Variable', 'Label', 'Type', 'Unit', 'Allowed values (and other spellings read as each)', 'Meaning'], rows)}
    <p class="note">
      The same definitions are in <a href="tidy/datapackage.json">tidy/datapackage.json</a> (Frictionless
      Table Schema) and <a href="tidy/codebook.csv">tidy/codebook.csv</a>.
    </p>`;
}

function methods(model: ReportModel): Html {
  const { config, stats } = model;
  // Generated from the rule applied, not from its description: the two cannot disagree.
  const rules = config.derived.map((d) => html`<li><b>${d.label}</b>: ${derivedRuleText(d, config)}</li>`);
  return html`<p><b>Inclusion.</b> ${inlineCode(config.inclusion)}</p>
    ${model.methods.map(
      (m) =>
        html`<p><b>${m.topic}.</b> ${m.sentences.map((text, k) => (k === 0 ? text : html` ${text}`))}</p>`,
    )}
    <p>
      <b>Units.</b> Sizes are the largest diameter given; follow-up is converted to months with 1 month =
      365.25/12 = 30.4375 days.
    </p>
    ${
      rules.length
        ? html`<p><b>Derived variables and category rules.</b></p>
            <ul>
              ${rules}
            </ul>`
        : html``
    }
    <p>
      <b>Software.</b> This report was made with ${versionsText(stats.software)} (figures); the statistics are
      computed by casepool itself and checked against R in its tests.
    </p>
    ${config.reference ? html`<p><b>Published figures</b> are from ${config.reference.citation} ${config.reference.note ?? ''}</p>` : html``}`;
}

/** The headline cards: how many patients are included and kept out, then the analyses' cards. */
function headline(stats: Stats, cards: readonly Html[]): Html {
  return html`<div class="headline">
    <div>
      <span class="value" data-stat="n_included">${stats.n_included}</span
      ><span class="label">patients included</span>
    </div>
    <div>
      <span class="value" data-stat="n_excluded">${stats.n_excluded}</span
      ><span class="label">rows kept out (with reasons)</span>
    </div>
    ${cards}
  </div>`;
}

/** The whole report as one self-contained HTML file: no network, no external script or style. */
export function indexPage(model: ReportModel): string {
  const { config, stats } = model;
  const warnings = sortFindings(model.findings.filter((f) => f.severity !== 'error'));
  const page = html`<!doctype html>
    <html lang="en">
      ${pageHead(config.title)}
      <body>
        <main>
          <p class="muted"><a href="../index.html">All cohorts</a></p>
          <h1>${config.title}</h1>
          <p>${inlineCode(config.description)}</p>
          <p class="note">
            Generated <time datetime="${model.generatedAt}">${formatDate(model.generatedAt)}</time> from
            <code>${stats.input.file}</code> (SHA-256 <code>${stats.input.sha256.slice(0, 16)}…</code>).
            Re-run with <code>npm run pipeline</code>.
          </p>
          <nav>
            ${model.sections.map((s) => html`<a href="#${s.id}">${s.nav}</a>`)}<a href="#findings-section"
              >Input checks</a
            ><a href="#cases-section">Cases</a><a href="#methods">Methods</a
            ><a href="#codebook-section">Codebook</a><a href="#files">Files</a>
          </nav>
          ${headline(stats, model.headlineCards)}
          ${model.sections.map(
            (s) =>
              html`<h2 id="${s.id}">${s.title}</h2>
                ${s.body}`,
          )}
          <h2 id="findings-section">Input checks</h2>
          ${findingsList(warnings)}
          <h2 id="cases-section">Cases</h2>
          <p>
            ${plural(stats.n_rows, 'row')}: ${stats.n_included} included, ${stats.n_excluded} kept out with a
            recorded reason. Each row cites its publication.
          </p>
          ${caseTable(model.cases, model.sources, model.variables, model.config)}
          <h2 id="methods">Methods</h2>
          ${methods(model)}
          <h2 id="codebook-section">Codebook</h2>
          ${codebook(model)}
          <h2 id="files">Files</h2>
          <p class="note">
            ${
              model.pngDpi === null
                ? html`Every figure is written as SVG, sized for a journal column. This run wrote no PNGs
                    (<code>--no-png</code>, or <code>--watch</code>/<code>--serve</code> without
                    <code>--png</code>); run <code>npm run pipeline</code> for them.`
                : html`Every figure is written as SVG, sized for a journal column, and as PNG at
                  ${model.pngDpi ?? 300} dpi with its resolution recorded in the file.`
            }
            See the README, "Into a manuscript: figures".
          </p>
          <ul>
            <li><a href="stats.json">stats.json</a>: every number in this report</li>
            <li><a href="findings.csv">findings.csv</a>: every input check finding</li>
            ${model.tidyFiles.map((f) => html`<li><a href="${f}">${f}</a></li>`)}
          </ul>
        </main>
        <footer class="note">
          casepool ${stats.software.casepool} · Node.js ${stats.software.node} · Vega ${stats.software.vega} ·
          Vega-Lite ${stats.software.vega_lite}
        </footer>
        <div id="tooltip" role="tooltip"></div>
        ${inlineScript(TOOLTIP_SCRIPT)}
      </body>
    </html> `;
  return page.value;
}
