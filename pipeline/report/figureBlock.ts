import { html, trusted, type Html } from './escapeHtml.ts';

/** A figure as rendered for the page: its SVG inline, a caption and links to its files. */
export interface FigureFiles {
  id: string;
  svg: string;
  caption: string;
  /** `spec` is null for a figure drawn without Vega-Lite (it has no spec file), `png` in a run without PNGs. */
  files: { spec: string | null; svg: string; png: string | null };
}

/** A figure of the report: the chart inline (self-contained page), its caption and its files. */
export function figureBlock(f: FigureFiles): Html {
  return html`<figure id="figure-${f.id}" data-panel="${f.id}">
    ${trusted(f.svg)}
    <figcaption>
      ${f.caption} Files: ${f.files.png ? html`<a href="${f.files.png}">PNG</a> · ` : html``}<a
        href="${f.files.svg}"
        >SVG</a
      >${f.files.spec ? html` · <a href="${f.files.spec}">Vega-Lite spec</a>` : html``}
    </figcaption>
  </figure>`;
}
