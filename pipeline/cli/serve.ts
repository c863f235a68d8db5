import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { isCohortIndexPage } from '../report/cohortIndexPage.ts';
import { CONTENT_SECURITY_POLICY, scriptHashSource } from '../report/pageHead.ts';
import { OUTPUT_MARKER } from '../io/writeOutputAtomically.ts';
import { runSummary } from './runSummary.ts';
import type { RunOutcome } from './watch.ts';

/** The one address served: this machine only, never the network. */
export const LOOPBACK = '127.0.0.1';
/** The event stream's path; it cannot clash with a report file (those never start with a dot folder here). */
export const EVENTS_PATH = '/.casepool/events';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** What the page is told: reload (a good run), or the findings of a failed run to show over it. */
export type LiveEvent = { type: 'reload'; key: string } | { type: 'failed'; key: string; lines: string[] };

/**
 * The script added to served pages only (the written file stays self-contained, with no network
 * calls). It listens to the server's events: a good run of this page's cohort reloads the page; a
 * failed one shows its findings in a banner over the last good report. `key` is the page's cohort
 * folder under the served root ('' for the root itself, which hears every cohort).
 */
export function liveScript(key: string): string {
  return `<script>${liveScriptCode(key)}</script>`;
}

/** The live script's code, between its tags (the page's policy allows it by the hash of exactly this). */
function liveScriptCode(key: string): string {
  return `
(() => {
  const key = ${JSON.stringify(key).replace(/</g, '\\u003c')};
  const mine = (data) => key === '' || data.key === key;
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('reload', (e) => { if (mine(JSON.parse(e.data))) location.reload(); });
  events.addEventListener('failed', (e) => {
    const data = JSON.parse(e.data);
    if (!mine(data)) return;
    let banner = document.getElementById('casepool-live-banner');
    if (!banner) {
      banner = document.createElement('div');
      banner.id = 'casepool-live-banner';
      banner.setAttribute('role', 'alert');
      banner.style.cssText = 'position:sticky;top:0;z-index:1000;background:#fff4e5;color:#5c2b00;border-bottom:2px solid #c05600;padding:0.6em 1em;font:14px/1.4 system-ui,sans-serif';
      document.body.prepend(banner);
    }
    const title = document.createElement('strong');
    title.textContent = 'The last run failed; this is the last good report.';
    const list = document.createElement('pre');
    list.style.cssText = 'margin:0.4em 0 0;white-space:pre-wrap;font:12px/1.4 ui-monospace,monospace';
    list.textContent = data.lines.join('\\n');
    banner.replaceChildren(title, list);
  });
})();
`;
}

/**
 * A served page: its policy also allows the live script (by its hash, as the page's own) and lets the
 * page reach this server's events; the live script goes last.
 */
export function servedPage(page: string, key: string): string {
  const allowed = page.replace(
    `content="${CONTENT_SECURITY_POLICY}"`,
    `content="${CONTENT_SECURITY_POLICY} ${scriptHashSource(liveScriptCode(key))}; connect-src 'self'"`,
  );
  const script = liveScript(key);
  const end = allowed.lastIndexOf('</body>');
  return end === -1 ? allowed + script : allowed.slice(0, end) + script + allowed.slice(end);
}

/** Shown where no report exists yet (the first run failed): it reloads itself once one is written. */
function placeholderPage(key: string): string {
  return servedPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" /><title>casepool: no report yet</title></head><body><p>No report has been written here yet. This page reloads when a run succeeds.</p></body></html>`,
    key,
  );
}

export interface ReportServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The URL of the report in `outDir` (a folder under the served root). */
  pageUrl: (outDir: string) => string;
  /** Tells every open page what a run of `outDir` came to. */
  publish: (outDir: string, outcome: RunOutcome) => void;
  close: () => Promise<void>;
}

/**
 * Serves the files under `root` (read-only, GET and HEAD) on 127.0.0.1, with the live script in every
 * HTML page and the event stream at EVENTS_PATH. Each request resolves `root` anew, so a report folder
 * switched by its atomic link is served from the new folder at once. The last failure of each cohort
 * is replayed to a page that connects later (a reload, a new tab), so the banner stays until a good run.
 */
export async function startReportServer(options: { root: string; port: number }): Promise<ReportServer> {
  const root = resolve(options.root);
  const streams = new Set<ServerResponse>();
  const failures = new Map<string, LiveEvent>();
  const keyOf = (outDir: string) => relative(root, resolve(outDir)).split(sep).join('/');
  let port = 0;

  /**
   * The real path of the file at `parts` (below the served root) when casepool wrote it, else null:
   * a file inside a report folder casepool wrote (one with its marker): the served root itself
   * (--serve --cohort), or a folder in it (reports/<cohort>, the link to its versioned folder
   * followed); and, at the root, the list of cohorts casepool wrote (reports/index.html). A file
   * reached through a link that leaves its report folder, a hidden file (the marker, a lock) and
   * anything else the user keeps beside the reports are not served.
   */
  const servable = async (parts: readonly string[]): Promise<string | null> => {
    if (parts.some((part) => part.startsWith('.'))) return null;
    const realOrNull = (path: string) => realpath(path).catch(() => null);
    const isReport = async (dir: string | null) =>
      dir !== null &&
      (await stat(join(dir, OUTPUT_MARKER)).then(
        (st) => st.isFile(),
        () => false,
      ));
    const inside = (real: string | null, folder: string) =>
      real !== null && (real === folder || real.startsWith(folder + sep)) ? real : null;
    const realRoot = await realOrNull(root);
    if (realRoot === null) return null;
    if (await isReport(realRoot)) return inside(await realOrNull(join(realRoot, ...parts)), realRoot);
    if (parts.length === 0) return realRoot;
    if (parts.length === 1 && parts[0] === 'index.html') {
      const real = inside(await realOrNull(join(realRoot, 'index.html')), realRoot);
      const text = real === null ? null : await readFile(real, 'utf8').catch(() => null);
      return text !== null && isCohortIndexPage(text) ? real : null;
    }
    const report = await realOrNull(join(realRoot, parts[0]!));
    if (report === null || !(await isReport(report))) return null;
    return inside(await realOrNull(join(report, ...parts.slice(1))), report);
  };

  const send = (res: ServerResponse, event: LiveEvent) =>
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

  const serveEvents = (res: ServerResponse) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    for (const event of failures.values()) send(res, event);
    streams.add(res);
    res.on('close', () => streams.delete(res));
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const parts = pathname.split('/').filter(Boolean);
    // The page's cohort: the first folder of a page below the served root (reports/<cohort>/…);
    // '' for a page at the root, which is the report itself when one cohort is served.
    const key = parts.length > 1 || (parts.length === 1 && pathname.endsWith('/')) ? parts[0]! : '';
    let file = parts.at(-1) ?? '';
    let real = await servable(parts);
    if (real !== null && (await stat(real)).isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Built from the parts, so always one path on this origin: '/%2Ffigures' (pathname
        // '//figures') must not answer '//figures/', which a browser reads as another host.
        res.writeHead(301, { Location: `/${parts.map(encodeURIComponent).join('/')}/` }).end();
        return;
      }
      file = 'index.html';
      real = await servable([...parts, 'index.html']);
    }
    if (real === null) {
      // Browsers ask for one unprompted; a report has none, and a 404 would be logged as an error.
      if (pathname === '/favicon.ico') res.writeHead(204).end();
      else if (pathname.endsWith('/') || extname(pathname) === '.html') {
        res.writeHead(404, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : placeholderPage(key));
      } else res.writeHead(404, { 'Content-Type': TYPES['.txt']! }).end('not found\n');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const bytes = await readFile(real);
    const body = type.startsWith('text/html') ? servedPage(bytes.toString('utf8'), key) : bytes;
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    // A page of another site could point a name of its own at 127.0.0.1 (DNS rebinding) and read the
    // report: only requests addressed to this server by its own address are answered.
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421, { 'Content-Type': TYPES['.txt']! }).end('wrong host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', `http://${host}`).pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname === EVENTS_PATH) return serveEvents(res);
    if (pathname.split('/').some((part) => part === '..' || part.includes('\0'))) {
      res.writeHead(400).end();
      return;
    }
    serveFile(req, res, pathname).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': TYPES['.txt']! });
      res.end('could not read the file\n');
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${LOOPBACK}:${port}/`;

  return {
    url,
    pageUrl: (outDir) => `${url}${keyOf(outDir)}/`.replace(/\/\/$/, '/'),
    publish(outDir, outcome) {
      const key = keyOf(outDir);
      let event: LiveEvent;
      if ('failure' in outcome) event = { type: 'failed', key, lines: [outcome.failure] };
      else if (outcome.result.exitCode === 0) event = { type: 'reload', key };
      else event = { type: 'failed', key, lines: runSummary(outcome.result) };
      if (event.type === 'failed') failures.set(key, event);
      else failures.delete(key);
      for (const res of streams) send(res, event);
    },
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const res of streams) res.end();
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }),
  };
}
