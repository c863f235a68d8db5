import {
  APPRAISAL_ANSWERS,
  type AppraisalAnswer,
  type AppraisalTable,
} from '../cohortTables/appraisalTable.ts';
import { appraisalSummarySpec, trafficLightSpec } from '../charts/appraisalSpecs.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { plural } from '../report/formatNumber.ts';
import { defineAnalysis } from './analysis.ts';

/** Which sources' patients a sensitivity analysis keeps: every given criterion must hold. */
export interface AppraisalRule {
  /** The source's overall appraisal is one of these (e.g. include). */
  overall?: string[];
  /** At least this many items answered yes. */
  atLeastYes?: number;
}

export interface AppraisalSpec {
  /** Checklist JSON files in the cohort folder (e.g. checklists/jbi-case-report.json). */
  tools: string[];
  /** Statistics recomputed on the patients from sources meeting each rule. */
  sensitivity?: Array<{ id: string; label: string; rule: AppraisalRule }>;
}

declare module '../types.ts' {
  interface CohortConfig {
    appraisal?: AppraisalSpec;
  }
}

export interface AppraisalSection {
  tools: Array<{ id: string; title: string; citation: string; items: number; sources: number }>;
  items: Array<{
    tool: string;
    id: string;
    label: string;
    question: string;
    yes: number;
    no: number;
    unclear: number;
    not_applicable: number;
    not_answered: number;
  }>;
  sources: Array<{
    source_id: string;
    tool: string;
    /** Items answered yes, of the items that apply (answered other than not applicable). */
    yes: number;
    applicable: number;
    overall: string;
    answers: Record<string, AppraisalAnswer | null>;
  }>;
  appraisers: string[];
}

const KEY: Record<AppraisalAnswer, 'yes' | 'no' | 'unclear' | 'not_applicable'> = {
  yes: 'yes',
  no: 'no',
  unclear: 'unclear',
  'not applicable': 'not_applicable',
};

/** Counts per item and per source, from the validated appraisal table. */
export function appraisalCounts(appraisal: AppraisalTable): AppraisalSection {
  const items: AppraisalSection['items'] = [];
  for (const tool of appraisal.tools) {
    const rows = appraisal.rows.filter((r) => r.tool === tool.id);
    for (const item of tool.items) {
      const entry = {
        tool: tool.id,
        id: item.id,
        label: item.label,
        question: item.question,
        yes: 0,
        no: 0,
        unclear: 0,
        not_applicable: 0,
        not_answered: 0,
      };
      for (const r of rows) {
        const a = r.answers[item.id] ?? null;
        if (a === null) entry.not_answered++;
        else entry[KEY[a]]++;
      }
      items.push(entry);
    }
  }
  const sources = appraisal.rows.map((r) => {
    const answers = Object.values(r.answers);
    return {
      source_id: r.sourceId,
      tool: r.tool,
      yes: answers.filter((a) => a === 'yes').length,
      applicable: answers.filter((a) => a !== null && a !== 'not applicable').length,
      overall: r.overall,
      answers: r.answers,
    };
  });
  return {
    tools: appraisal.tools.map((t) => ({
      id: t.id,
      title: t.title,
      citation: t.citation,
      items: t.items.length,
      sources: appraisal.rows.filter((r) => r.tool === t.id).length,
    })),
    items,
    sources,
    appraisers: [...new Set(appraisal.rows.map((r) => r.appraiser).filter(Boolean))],
  };
}

/**
 * Most sources a traffic-light chart is drawn for: about a printed page of rows. Past it the chart is a
 * wall no reader scans (and a slow one to lay out: 14,000 sources took seconds of Vega layout); the
 * summary chart and the per-source answers in stats.json stand in for it, and the page says so.
 */
export const TRAFFIC_LIGHT_MAX_SOURCES = 100;

/** Critical appraisal of every included report: traffic-light and summary charts per checklist. */
export const appraisalAnalysis = defineAnalysis<AppraisalSection>()({
  id: 'appraisal',
  config: {
    schema: {
      appraisal: {
        type: 'object',
        additionalProperties: false,
        required: ['tools'],
        description: 'Critical appraisal of the sources: the checklists used and the sensitivity analyses.',
        properties: {
          tools: {
            type: 'array',
            minItems: 1,
            items: { type: 'string' },
            description:
              'Checklist JSON files in the cohort folder: id, title, citation, overall, items [{id, label, question}].',
          },
          sensitivity: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'label', 'rule'],
              properties: {
                id: { $ref: '#/definitions/id' },
                label: { type: 'string' },
                rule: {
                  type: 'object',
                  additionalProperties: false,
                  minProperties: 1,
                  properties: {
                    overall: { type: 'array', minItems: 1, items: { type: 'string' } },
                    atLeastYes: { type: 'integer', minimum: 0 },
                  },
                },
              },
            },
          },
        },
      },
    },
    check(config, { error }) {
      if (config.appraisal && config.files.appraisal === undefined)
        error('/appraisal', 'an appraisal block needs files.appraisal (the appraisal.csv)');
    },
  },
  title: 'Critical appraisal',
  nav: 'Appraisal',
  compute: (input) => (input.appraisal ? appraisalCounts(input.appraisal) : null),
  figures: (result, _context, { width }) =>
    result.tools
      .filter((t) => t.sources > 0)
      .flatMap((tool) => {
        const items = result.items.filter((i) => i.tool === tool.id);
        const sources = result.sources.filter((s) => s.tool === tool.id);
        const trafficLight =
          sources.length > TRAFFIC_LIGHT_MAX_SOURCES
            ? []
            : [
                {
                  id: `appraisal-${tool.id}-traffic-light`,
                  title: `${tool.title}: every source`,
                  caption: `${tool.title}, answer per source and item (${plural(sources.length, 'source')}). + yes, − no, ? unclear, NA not applicable, blank not answered.`,
                  spec: trafficLightSpec(tool.title, items, sources, width),
                },
              ];
        return [
          ...trafficLight,
          {
            id: `appraisal-${tool.id}-summary`,
            title: `${tool.title}: share of answers per item`,
            caption: `${tool.title}, share of the ${plural(sources.length, 'source')} answering each item yes, no, unclear or not applicable.`,
            spec: appraisalSummarySpec(tool.title, items, sources.length, width),
          },
        ];
      }),
  section: (result, figures) => {
    const rows = result.items.map(
      (i) =>
        html`<tr>
          <td>${i.tool}</td>
          <td>${i.id}</td>
          <td title="${i.question}">${i.label}</td>
          ${APPRAISAL_ANSWERS.map((a) => html`<td class="num">${i[KEY[a]]}</td>`)}
          <td class="num">${i.not_answered}</td>
        </tr>`,
    );
    const overall = new Map<string, number>();
    for (const s of result.sources)
      overall.set(s.overall || 'not given', (overall.get(s.overall || 'not given') ?? 0) + 1);
    return html`<p>
        ${result.sources.length} sources appraised with
        ${result.tools.filter((t) => t.sources > 0).map((t, k) => html`${k ? '; ' : ''}${t.title} (${t.sources})`)}.
        Overall: ${[...overall].map(([o, n], k) => `${k ? ', ' : ''}${o} ${n}`).join('')}. Appraised by:
        ${result.appraisers.join('; ') || 'not stated'}.
      </p>
      ${result.tools
        .filter((t) => t.sources > TRAFFIC_LIGHT_MAX_SOURCES)
        .map(
          (t) =>
            html`<p class="note">
              ${t.title}: no traffic-light chart for ${t.sources} sources (it is drawn for up to
              ${TRAFFIC_LIGHT_MAX_SOURCES}, about a printed page); each source's answers are in stats.json
              (<code>appraisal.sources</code>).
            </p>`,
        )}
      <div class="panels">${figures.map(figureBlock)}</div>
      ${dataTable('appraisal-items', ['Checklist', 'Item', 'Label', ...APPRAISAL_ANSWERS.map((a) => ({ num: a })), { num: 'not answered' }], rows)}
      <p class="note">
        Answers rest on the text of each source as casepool holds it; "unclear" where that text does not show
        the item.${result.tools.map((t) => html`<br />${t.title}: ${t.citation}`)}
      </p>`;
  },
});
