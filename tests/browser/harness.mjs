// Shared by the browser tests: build the shipped site with the real binary, serve it over HTTP
// on 127.0.0.1 (Pagefind does not load from file://), and start Debian's Chromium headless
// through playwright-core. Nothing here downloads a browser.

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Build a site (the shipped one by default) into a fresh folder and return that folder. */
export function buildSite({ root = repo, args = [] } = {}) {
  const targetDir = resolve(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'));
  const binary = process.env.REPERES_BIN ?? join(targetDir, 'debug', 'reperes');
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: run \`cargo build\` first (or set REPERES_BIN)`);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'reperes-browser-')), 'public');
  const run = spawnSync(binary, ['build', '--root', root, '--out', out, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build failed (${run.status}):\n${run.stderr}`);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

/**
 * The decoded path of a request URL, and the file of `root` it names (`index.html` for a
 * folder; null when the path leaves `root`). Shared by the test servers.
 */
export function fileFor(root, url) {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return { path, file: null };
  return { path, file: existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file };
}

/**
 * Serve a folder on 127.0.0.1 (a free port). Counts the bytes of every response so that tests
 * can measure what a visitor downloads. Returns `{ url, close, bytes, reset }`.
 */
export async function serve(dir) {
  const rootDir = resolve(dir);
  const transferred = new Map();
  const server = createServer((request, response) => {
    const { path, file } = fileFor(rootDir, request.url);
    if (file === null) {
      response.writeHead(404).end();
      return;
    }
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': TYPES['.html'] });
      response.end(readFileSync(join(rootDir, '404.html')));
      return;
    }
    const size = statSync(file).size;
    transferred.set(path, (transferred.get(path) ?? 0) + size);
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'max-age=3600',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => server.close(ok)),
    transferred,
  };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: install Debian's chromium (bash .ci/test does)`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Run a search through `?q=` and return the result links (hrefs, in order) and the status. */
export async function search(page, base, searchPath, query) {
  await page.goto(`${base}${searchPath}?q=${encodeURIComponent(query)}`);
  const list = page.locator('[data-search-results][data-search-done]');
  await list.waitFor({ state: 'attached', timeout: 15000 });
  const hrefs = await list.locator('li a').evaluateAll((links) => links.map((a) => a.pathname));
  const status = (await page.locator('#search-status').innerText()).trim();
  return { hrefs, status };
}

/** Network ids by acronym, read from the shipped records. */
export function networkIds(root = repo) {
  const dir = join(root, 'content', 'networks');
  const ids = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const acronym = /^acronym:\s*(.+)$/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1]?.trim();
    if (acronym) ids.set(acronym.replace(/^["']|["']$/g, ''), file.replace(/\.yaml$/, ''));
  }
  return ids;
}

/** The queries of search-terms.md: `{ network, tag, query }`, annotations removed. */
export function searchTerms(file = join(repo, 'tests', 'browser', 'search-terms.md')) {
  const queries = [];
  let network = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) network = heading[1].trim();
    const item = /^- \[([^\]]+)\] (.+)$/.exec(line);
    if (!item || !network) continue;
    const text = item[2].replace(/\((scope unverified|US spelling)\)/g, '').trim();
    // "a / b" lists two spellings of one typo: each is a query.
    for (const query of text.split(' / ')) queries.push({ network, tag: item[1], query: query.trim() });
  }
  return queries;
}
