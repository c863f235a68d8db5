import { flowDiagramSvg, flowTitle } from '../charts/flowDiagramSvg.ts';
import type { FlowCounts } from '../cohortTables/flowCounts.ts';
import { citation, shortCitation } from '../report/citation.ts';
import { html, trusted } from '../report/escapeHtml.ts';
import { defineAnalysis } from './analysis.ts';

/**
 * The study-flow diagram (PRISMA 2020) from flow.csv: its counts as given (stats.json `flow`) and
 * the diagram. The checks of its arithmetic against the case table are the validate stage's.
 */
export const flowAnalysis = defineAnalysis<FlowCounts>()({
  id: 'flow',
  title: 'Study flow',
  sectionId: 'flow',
  compute: (input) => input.flow,
  figures: (flow, _context, options, input) => {
    const { scope } = flow;
    const source = scope.kind === 'source' ? input.sources.find((x) => x.id === scope.sourceId) : undefined;
    return [
      {
        id: 'flow',
        title: 'Study flow',
        caption: `Counts as given in ${flow.file}.`,
        svg: flowDiagramSvg(
          flow,
          flowTitle(scope, scope.kind === 'source' ? shortCitation(source, scope.sourceId) : ''),
          options.width,
        ),
      },
    ];
  },
  section: (flow, figures, _context, input) => {
    const figure = figures[0]!;
    const { scope } = flow;
    const source = scope.kind === 'source' ? input.sources.find((x) => x.id === scope.sourceId) : undefined;
    return html`<figure id="figure-flow" data-panel="flow">
      ${trusted(figure.svg)}
      <figcaption>
        Counts as given in <code>${flow.file}</code>; steps it does not give are shown as not reported. Boxes
        whose count does not follow from the boxes above are listed under Input checks.
        ${
          scope.kind === 'source'
            ? html`This is the literature search reported in ${citation(source)}, not this cohort's own: its
              included count is not compared with the rows of the case table.`
            : ''
        }
        ${figure.sizeNote} Files:
        ${figure.files.png ? html`<a href="${figure.files.png}">PNG</a> · ` : html``}<a
          href="${figure.files.svg}"
          >SVG</a
        >
      </figcaption>
    </figure>`;
  },
});
