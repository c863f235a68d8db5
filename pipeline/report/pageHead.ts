import { html, trusted, type Html } from './escapeHtml.ts';
import { PAGE_STYLE } from './pageStyle.ts';

/**
 * Nothing loads from outside the file: inline style and script only, images from the page itself.
 * `casepool --serve` adds `connect-src 'self'` to this, in served pages only, for its reload events.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/**
 * The <head> of every page: UTF-8, a viewport, a Content-Security-Policy that lets nothing load from
 * outside the file (inline style and script only), the title and the inline style sheet.
 */
export function pageHead(title: string): Html {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="${trusted(CONTENT_SECURITY_POLICY)}" />
    <title>${title}</title>
    <style>
      ${trusted(PAGE_STYLE)}
    </style>
  </head>`;
}
