// Lighthouse (npm, pinned in package.json: 12.8.2 runs on Node 20) against Debian's Chromium and
// a local server that compresses, as a static host would. Shared by lighthouse.test.mjs (the
// accessibility, best-practices and SEO scores) and bench-lighthouse.mjs (performance, CLS).

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createGzip } from 'node:zlib';
import lighthouse from 'lighthouse';
import { fileFor, repo } from './harness.mjs';

/** The pages measured: one of each type, in both languages. */
export const PAGES = [
  ['home', '/'],
  ['home', '/en/'],
  ['network', '/reseaux/netsarc/'],
  ['network', '/en/networks/netsarc/'],
  ['ERN', '/reseaux-europeens/euracan/'],
  ['ERN', '/en/european-networks/euracan/'],
  ['partner', '/partenaires/eurordis/'],
  ['partner', '/en/partners/eurordis/'],
  ['long page', '/organisation-des-soins/'],
  ['long page', '/en/care-in-france/'],
  ['search with results', '/recherche/?q=sarcome'],
  ['search with results', '/en/search/?q=sarcoma'],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.svg', '.webmanifest', '.xml', '.txt']);

/**
 * Serve `dir` on 127.0.0.1 like a static host: gzip for text when the browser accepts it, a
 * year of caching for the fingerprinted files of assets/, the security headers of `_headers`.
 */
export async function serveCompressed(dir) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    let { path, file } = fileFor(root, request.url);
    if (file === null) {
      response.writeHead(404).end();
      return;
    }
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(root, '404.html');
    }
    const ext = extname(file);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    if (gzip) headers['content-encoding'] = 'gzip';
    else headers['content-length'] = statSync(file).size;
    response.writeHead(status, headers);
    const stream = createReadStream(file);
    (gzip ? stream.pipe(createGzip({ level: 9 })) : stream).pipe(response);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Build the shipped site for the server's address (canonical URLs on the same origin). */
export async function buildAndServe({ root = repo } = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'reperes-lighthouse-')), 'public');
  const server = await serveCompressed(out);
  const binary = process.env.REPERES_BIN ?? join(repo, 'target', 'debug', 'reperes');
  const run = spawnSync(binary, ['build', '--root', root, '--out', out, '--base-url', `${server.url}/`], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build failed (${run.status}):\n${run.stderr}`);
  return server;
}

/** Headless Debian Chromium with a DevTools port, for Lighthouse. */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'reperes-chromium-'));
  const child = spawn(process.env.CHROMIUM ?? '/usr/bin/chromium', [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
    '--remote-debugging-port=0',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise((ok, fail) => {
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const found = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (found) ok(Number(found[1]));
    });
    child.on('exit', (code) => fail(new Error(`chromium exited (${code}): ${text}`)));
  });
  return {
    port,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill();
        await exited;
      }
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

/** One Lighthouse run (mobile profile, simulated throttling): scores out of 100 and metrics. */
export async function audit(url, port) {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  const { categories, audits } = result.lhr;
  const score = (id) => Math.round(categories[id].score * 100);
  const failed = (id) =>
    categories[id].auditRefs
      .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
      .map((ref) => ref.id);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    cls: audits['cumulative-layout-shift'].numericValue,
    lcp: audits['largest-contentful-paint'].numericValue,
    failed: {
      accessibility: failed('accessibility'),
      bestPractices: failed('best-practices'),
      seo: failed('seo'),
    },
    weight: audits['total-byte-weight'].numericValue,
  };
}
