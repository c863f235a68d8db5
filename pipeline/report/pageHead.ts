import { createHash } from 'node:crypto';
import { html, trusted, type Html } from './escapeHtml.ts';
import { PAGE_STYLE } from './pageStyle.ts';
import { TOOLTIP_SCRIPT } from './tooltipScript.ts';

/** The Content-Security-Policy source that allows exactly the inline script `code`, and no other. */
export const scriptHashSource = (code: string) =>
  `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

/**
 * Nothing loads from outside the file: inline style, images from the page itself, and of inline
 * scripts only our own, each allowed by its hash. A script that got into the page any other way (an
 * edited figure, a name turned into markup) does not run. `casepool --serve` adds, in served pages
 * only, the hash of its reload script and `connect-src 'self'` for its events.
 */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src ${scriptHashSource(TOOLTIP_SCRIPT)}`;

/**
 * One of our inline scripts, `code` exactly between the tags: the policy's hash is of these bytes,
 * so the page must not add as much as a space around them.
 */
export const inlineScript = (code: string): Html => trusted(`<script>${code}</script>`);

/**
 * The <head> of every page: UTF-8, a viewport, a Content-Security-Policy that lets nothing load from
 * outside the file (inline style, and our own inline scripts only), the title and the inline style sheet.
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
