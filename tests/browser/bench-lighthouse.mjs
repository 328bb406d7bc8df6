// Lighthouse benchmark: performance score, cumulative layout shift, largest contentful paint and
// bytes transferred per page type (mobile profile, simulated throttling, compressed responses),
// the median of several runs per page. The figures are in the README ("Benchmarks").
//
//   cargo build --release && node tests/browser/bench-lighthouse.mjs [--runs 3] [--root DIR]

import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { repo } from './harness.mjs';
import { PAGES, audit, buildAndServe, launchChromium } from './lighthouse.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, root: { type: 'string' } } });
process.env.REPERES_BIN ??= join(repo, 'target', 'release', 'reperes');
const server = await buildAndServe({ root: values.root ?? repo });
const chromium = await launchChromium();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const byType = new Map();
try {
  for (const [type, path] of PAGES) {
    const runs = [];
    for (let i = 0; i < Number(values.runs); i++) runs.push(await audit(`${server.url}${path}`, chromium.port));
    const row = {
      performance: median(runs.map((r) => r.performance)),
      cls: median(runs.map((r) => r.cls)),
      lcp: median(runs.map((r) => r.lcp)),
      weight: median(runs.map((r) => r.weight)),
      others: runs.map((r) => `${r.accessibility}/${r.bestPractices}/${r.seo}`)[0],
    };
    console.log(`${type} ${path}: performance ${row.performance}, CLS ${row.cls.toFixed(3)}, LCP ${(row.lcp / 1000).toFixed(2)} s, ${(row.weight / 1024).toFixed(1)} KiB transferred, a11y/BP/SEO ${row.others}`);
    byType.set(type, [...(byType.get(type) ?? []), row]);
  }
} finally {
  await chromium.close();
  await server.close();
}
console.log('\n| page type | performance (fr / en) | CLS | LCP | transferred |\n|---|---:|---:|---:|---:|');
for (const [type, rows] of byType) {
  console.log(`| ${type} | ${rows.map((r) => r.performance).join(' / ')} | ${Math.max(...rows.map((r) => r.cls)).toFixed(3)} | ${rows.map((r) => (r.lcp / 1000).toFixed(1)).join(' / ')} s | ${rows.map((r) => (r.weight / 1024).toFixed(0)).join(' / ')} KiB |`);
}
