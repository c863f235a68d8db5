import { casesSchema, codebookRows } from '../dataPackage/tableSchema.ts';
import type { SurvivalGroupingResult } from '../summaries/survivalAnalysis.ts';
import type { VariableInfo } from '../dataPackage/variables.ts';
import type { Stats } from '../stages/analyze.ts';
import type { CaseTable, CohortConfig, Finding, Source } from '../types.ts';
import { caseTable } from './caseTable.ts';
import { figureBlock } from './figureBlock.ts';
import { html, trusted, type Html } from './escapeHtml.ts';
import { formatInterval, formatPercent, plural } from './formatNumber.ts';
import {
  continuousTable,
  findingsList,
  headline,
  medianInterval,
  reconciliationTable,
  statisticsTable,
  testsTable,
} from './sections.ts';
import { formatDate } from './formatDate.ts';
import { inlineCode } from './inlineCode.ts';
import { sortFindings } from './runSummary.ts';
import { smallSampleCaution } from './smallSampleCaution.ts';
import { TOOLTIP_SCRIPT } from './tooltipScript.ts';
import { dataTable } from './dataTable.ts';
import { pageHead } from './pageHead.ts';

export interface RenderedFigure {
  id: string;
  title: string;
  svg: string;
  caption: string;
  files: { spec: string; svg: string; png: string };
}

export interface ReportModel {
  config: CohortConfig;
  stats: Stats;
  cases: CaseTable;
  sources: readonly Source[];
  variables: readonly VariableInfo[];
  findings: readonly Finding[];
  panels: readonly RenderedFigure[];
  /** The panels as one multi-panel figure, when there is more than one panel. */
  combined?: RenderedFigure | null;
  /** Resolution of the PNGs, for the page's note on the files. */
  pngDpi?: number;
  survival: readonly RenderedFigure[];
  /** Extra sections (e.g. the study-flow diagram) rendered before the methods. */
  extraSections: ReadonlyArray<{ id: string; title: string; body: Html }>;
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
  const rules = config.derived.map((d) => html`<li><b>${d.label}</b>: ${inlineCode(d.description)}</li>`);
  return html`<p><b>Inclusion.</b> ${inlineCode(config.inclusion)}</p>
    <p>
      <b>Denominators.</b> Each proportion is given twice: over all ${stats.n_included} included patients (the
      convention of pooled case-report reviews, in which a finding that is not reported counts as absent) and
      over the patients for whom the variable is reported (available-case analysis). An empty cell always
      means "not reported", never "no".
    </p>
    <p>
      <b>Confidence intervals.</b> 95% Wilson score intervals and exact Clopper–Pearson intervals for
      proportions. Kaplan–Meier survival with Greenwood variance and 95% pointwise intervals on the log-log
      scale; the median's interval is where those pointwise limits cross 0.5, as R's survfit reports it.
      Log-rank (Mantel–Haenszel) tests between groups; Fisher's exact test, two-sided as R's fisher.test, with
      the conditional maximum-likelihood odds ratio.
    </p>
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
    ${config.reference ? html`<p><b>Published figures</b> are from ${config.reference.citation} ${config.reference.note ?? ''}</p>` : html``}`;
}

/** The whole report as one self-contained HTML file: no network, no external script or style. */
export function indexPage(model: ReportModel): string {
  const { config, stats } = model;
  const survival = stats.survival;
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
            <a href="#figures">Figures</a
            ><a href="#reconciliation-section">Reconciliation</a
            >${survival ? html`<a href="#survival">Survival</a>` : html``}<a href="#statistics-section"
              >Statistics</a
            >${model.extraSections.map((s) => html`<a href="#${s.id}">${s.title}</a>`)}<a
              href="#findings-section"
              >Input checks</a
            ><a href="#cases-section">Cases</a><a href="#methods">Methods</a
            ><a href="#codebook-section">Codebook</a><a href="#files">Files</a>
          </nav>
          ${headline(stats, config.headline)}
          ${
            stats.reconciliation.length > 0
              ? html`<h2 id="figures">Figures: as published and recomputed</h2>
                  <p class="note">
                    Grey bars: the figure as the paper printed it (missing bars: the paper printed no number).
                    Blue bars: recomputed from <code>${config.files.cases}</code> over all included patients.
                    Hover a bar for its count, percentage and the patients behind it.
                  </p>`
              : html`<h2 id="figures">Figures</h2>
                  <p class="note">
                    Recomputed from <code>${config.files.cases}</code> over all included patients. Hover a bar
                    for its count, percentage and the patients behind it.
                  </p>`
          }
          <div class="panels">${model.panels.map(figureBlock)}</div>
          ${
            model.combined
              ? html`<h3 id="figure-combined-section">All panels in one figure</h3>
                  <details class="combined">
                    <summary>Show the combined figure (figures/figure-combined.svg, .png)</summary>
                    ${figureBlock(model.combined)}
                  </details>`
              : html``
          }
          <p class="note">
            Every figure is written as SVG, sized for a journal column, and as PNG at ${model.pngDpi ?? 300}
            dpi with its resolution recorded in the file; see the README, "Into a manuscript: figures".
          </p>
          <h2 id="reconciliation-section">Reconciliation with the published figures</h2>
          ${reconciliationTable(stats)}
          ${
            survival
              ? html`<h2 id="survival">Survival</h2>
                  <p>
                    ${plural(survival.overall.n, 'patient')} with a known outcome and follow-up time:
                    ${plural(survival.overall.events, 'death')}, ${survival.overall.censored} alive at last
                    follow-up (censored). ${plural(survival.overall.excluded, 'included patient')}
                    ${survival.overall.excluded === 1 ? 'is' : 'are'} left out:
                    ${survival.overall.excluded_reasons.map((r) => `${r.reason} (${r.n})`).join('; ') || 'none'}.
                  </p>
                  <div class="panels">${model.survival.map(figureBlock)}</div>
                  ${survivalTable(stats)}${testsTable(stats.tests)}`
              : html``
          }
          <h2 id="statistics-section">Descriptive statistics</h2>
          ${statisticsTable(stats)}${continuousTable(stats)}
          ${model.extraSections.map(
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
          <ul>
            <li><a href="stats.json">stats.json</a>: every number in this report</li>
            <li><a href="findings.csv">findings.csv</a>: every input check finding</li>
            ${model.tidyFiles.map((f) => html`<li><a href="${f}">${f}</a></li>`)}
          </ul>
        </main>
        <div id="tooltip" role="tooltip"></div>
        <script>
          ${trusted(TOOLTIP_SCRIPT)};
        </script>
      </body>
    </html> `;
  return page.value;
}

/** The small-sample caution of a grouping's log-rank p, shown beside it (never a bare p). */
function logRankCaution(g: SurvivalGroupingResult): Html {
  if (!Number.isFinite(g.logrank.p)) return html``;
  const curves = g.levels.map((l) => g.curves[l.id]!);
  const caution = smallSampleCaution(
    curves.reduce((sum, c) => sum + c.events, 0),
    curves.map((c) => c.n),
  );
  return caution ? html` <span class="caution">(${caution})</span>` : html``;
}

function survivalTable(stats: Stats): Html {
  const s = stats.survival!;
  const curves = [
    { group: 'All patients', level: '', c: s.overall },
    ...Object.values(s.groups).flatMap((g) =>
      g.levels.map((l) => ({ group: g.label, level: l.label, c: g.curves[l.id]! })),
    ),
  ];
  const times = Object.keys(s.overall.at);
  const f = (x: number | null) => (x === null ? 'NA' : (Math.round(x * 10) / 10).toString());
  const rows = curves.map(
    ({ group, level, c }) =>
      html`<tr>
        <td>${group}</td>
        <td>${level}</td>
        <td class="num">${c.n}</td>
        <td class="num">${c.events}</td>
        <td class="num">
          ${c.median.estimate === null ? 'not reached' : f(c.median.estimate)}
          (${medianInterval(c.median.ci95, '')})
        </td>
        ${times.map((t) => html`<td class="num">${c.at[t] ? `${formatPercent(c.at[t]!.survival * 100, 0)} (${formatInterval(c.at[t]!.ci95, true, 0)})` : 'beyond follow-up'}</td>`)}
      </tr>`,
  );
  const tests = Object.values(s.groups).map(
    (g) =>
      html`<li>
        ${g.label}: log-rank χ² = ${Number.isFinite(g.logrank.chisq) ? g.logrank.chisq.toFixed(2) : 'NA'} on
        ${g.logrank.df} df,
        ${Number.isFinite(g.logrank.p) ? `p = ${g.logrank.p.toPrecision(2)}` : 'not computable (it needs a death while at least two groups still have patients at risk)'}${logRankCaution(g)}
      </li>`,
  );
  return html`${dataTable(
      'survival-table',
      [
        'Group',
        'Level',
        { num: 'n' },
        { num: 'Deaths' },
        { num: `Median, ${s.time_unit} (95% CI)` },
        ...times.map((t) => ({ num: `S(${t}) (95% CI)` })),
      ],
      rows,
    )}
    <ul>
      ${tests}
    </ul>`;
}
