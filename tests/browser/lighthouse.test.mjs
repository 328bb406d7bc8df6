// Lighthouse on one page of each type in both languages (mobile profile, compressed responses):
// accessibility, best practices and SEO must score 100. Performance and CLS are measured by
// bench-lighthouse.mjs (README, "Benchmarks"), not asserted: they depend on the machine.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PAGES, audit, buildAndServe, launchChromium } from './lighthouse.mjs';

let server;
let chromium;

before(async () => {
  server = await buildAndServe();
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

test('Lighthouse: accessibility, best practices and SEO are 100 on every page type', { timeout: 600_000 }, async () => {
  const problems = [];
  for (const [type, path] of PAGES) {
    const r = await audit(`${server.url}${path}`, chromium.port);
    console.log(`${type} ${path}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r.bestPractices}, SEO ${r.seo}, CLS ${r.cls.toFixed(3)}`);
    for (const [name, value] of [['accessibility', r.accessibility], ['bestPractices', r.bestPractices], ['seo', r.seo]]) {
      if (value !== 100) problems.push(`${path}: ${name} ${value} (${r.failed[name].join(', ')})`);
    }
  }
  assert.deepEqual(problems, []);
});
