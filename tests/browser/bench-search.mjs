// Search benchmark: index build time and size per language, bytes a visitor downloads for a
// first and a second query, query latency in the browser, and (with --held-out) the hit rate of
// search-terms.md when the records' `search_terms` are removed, to see how much of the hit rate
// comes from hand-kept search terms.
//
//   cargo build --release && node tests/browser/bench-search.mjs [--runs 7] [--held-out]
//
// Uses target/release/reperes (or REPERES_BIN) and Debian's Chromium.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, launchBrowser, networkIds, repo, search, searchTerms, serve } from './harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const binary = process.env.REPERES_BIN ?? join(repo, 'target', 'release', 'reperes');
process.env.REPERES_BIN = binary;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// 1. Index build time per language (the search stage runs beside rendering).
const times = { fr: [], en: [], total: [] };
let site;
for (let i = 0; i < runs; i++) {
  const out = join(mkdtempSync(join(tmpdir(), 'reperes-bench-')), 'public');
  const run = spawnSync(binary, ['build', '--root', repo, '--out', out, '--timings'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  for (const match of run.stderr.matchAll(/search index `(\w+)`: .*?, ([\d.]+) ms/g)) {
    times[match[1]].push(Number(match[2]));
  }
  times.total.push(Number(/Built .* in (\d+) ms/.exec(run.stderr)[1]));
  site = out;
}
console.log(`Search benchmark (${runs} builds of the shipped site, ${binary})`);
console.log(`  whole build: median ${median(times.total)} ms`);
for (const [lang, prefix] of [['fr', ''], ['en', 'en/']]) {
  const files = walk(join(site, prefix, 'pagefind'));
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const index = files.filter((f) => /\.pf_(index|fragment|filter|meta)$/.test(f));
  const indexBytes = index.reduce((sum, f) => sum + statSync(f).size, 0);
  const vocabulary = readFileSync(join(site, prefix, 'pagefind', 'reperes-vocabulary.json'));
  console.log(
    `  ${lang}: index built in median ${median(times[lang]).toFixed(1)} ms ` +
      `(min ${Math.min(...times[lang]).toFixed(1)}, max ${Math.max(...times[lang]).toFixed(1)}); ` +
      `bundle ${files.length} files, ${kib(bytes)} (index chunks ${kib(indexBytes)}, ` +
      `vocabulary ${kib(vocabulary.length)}, ${kib(gzipSync(vocabulary).length)} gzipped)`,
  );
}

// 2. Bytes downloaded by a visitor with an empty cache, and latency per query.
const server = await serve(site);
const browser = await launchBrowser();
const total = () => [...server.transferred.values()].reduce((a, b) => a + b, 0);
const groups = () => {
  const sums = { page: 0, runtime: 0, index: 0, vocabulary: 0 };
  for (const [path, bytes] of server.transferred) {
    if (path.endsWith('reperes-vocabulary.json')) sums.vocabulary += bytes;
    else if (/\.pf_/.test(path)) sums.index += bytes;
    else if (path.includes('/pagefind/')) sums.runtime += bytes;
    else sums.page += bytes;
  }
  return sums;
};
for (const [lang, searchPath, first, second] of [
  ['fr', '/recherche/', 'mésothéliome', 'sarcome utérin'],
  ['en', '/en/search/', 'mesothelioma', 'uterine sarcoma'],
]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  server.transferred.clear();
  const start = performance.now();
  await search(page, server.url, searchPath, first);
  const firstMs = performance.now() - start;
  const g = groups();
  const firstBytes = total();
  server.transferred.clear();
  // A second query typed on the same page (no reload): only new index chunks and fragments.
  const secondStart = performance.now();
  await page.fill('#q', second);
  await page.press('#q', 'Enter');
  await page.locator(`[data-search-results][data-search-done="${second}"]`).waitFor({ state: 'attached' });
  const secondMs = performance.now() - secondStart;
  console.log(
    `  ${lang}: first query "${first}": ${kib(firstBytes)} downloaded ` +
      `(page ${kib(g.page)}, Pagefind runtime ${kib(g.runtime)}, index ${kib(g.index)}, ` +
      `vocabulary ${kib(g.vocabulary)}), ${firstMs.toFixed(0)} ms to results; ` +
      `second query "${second}": ${kib(total())} more, ${secondMs.toFixed(0)} ms`,
  );
  await context.close();
}
await server.close();

// 3. Hit rate without the hand-kept search terms (optional: about two minutes).
if (args.includes('--held-out')) {
  const copy = mkdtempSync(join(tmpdir(), 'reperes-heldout-'));
  for (const dir of ['content', 'themes', 'i18n']) cpSync(join(repo, dir), join(copy, dir), { recursive: true });
  const networks = join(copy, 'content', 'networks');
  for (const file of readdirSync(networks)) {
    const path = join(networks, file);
    // Drop each `search_terms:` block (the key line and the lines indented below it).
    const lines = readFileSync(path, 'utf8').split('\n');
    const kept = [];
    for (let i = 0; i < lines.length; i++) {
      const key = /^(\s*)search_terms:/.exec(lines[i]);
      if (!key) { kept.push(lines[i]); continue; }
      const indent = key[1].length;
      while (i + 1 < lines.length && lines[i + 1].search(/\S/) > indent) i++;
    }
    writeFileSync(path, kept.join('\n'));
  }
  const heldOut = await serve(buildSite({ root: copy }));
  const ids = networkIds();
  const queries = searchTerms();
  const page = await browser.newPage();
  for (const [lang, searchPath, networkPath] of [
    ['fr', '/recherche/', (id) => [`/reseaux/${id}/`, `/en/networks/${id}/`]],
    ['en', '/en/search/', (id) => [`/reseaux/${id}/`, `/en/networks/${id}/`]],
  ]) {
    let hits = 0;
    for (const { network, query } of queries) {
      const { hrefs } = await search(page, heldOut.url, searchPath, query);
      if (networkPath(ids.get(network)).some((p) => hrefs.slice(0, 3).includes(p))) hits++;
    }
    console.log(
      `  ${lang}: hit rate without search_terms: ${((100 * hits) / queries.length).toFixed(1)}% ` +
        `(${hits}/${queries.length})`,
    );
  }
  await heldOut.close();
}
await browser.close();
