// Page weight benchmark: bytes of HTML and CSS (raw and gzip) that a reader downloads for
// representative pages of the shipped site; no JavaScript is needed to read any of them (the
// search page's script is counted apart).
//
//   cargo build --release && node tests/browser/bench-pages.mjs

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, repo } from './harness.mjs';

process.env.REPERES_BIN ??= join(repo, 'target', 'release', 'reperes');
const site = buildSite();
// The theme's files carry a hash in their names: `assets/site.css` is `assets/site.<hash>.css`.
const output = (path) => {
  const dir = dirname(path);
  const [stem, ext] = path.slice(dir.length + 1).split('.');
  const name = readdirSync(join(site, dir)).find((f) => new RegExp(`^${stem}\\.[0-9a-f]{10}\\.${ext}$`).test(f));
  return name ? join(dir, name) : path;
};
const size = (path) => {
  const bytes = readFileSync(join(site, output(path)));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const css = size('assets/site.css');
console.log(`CSS (every page): ${kib(css.raw)} raw, ${kib(css.gzip)} gzip`);
for (const [label, path] of [
  ['home (fr)', 'index.html'],
  ['home (en)', 'en/index.html'],
  ['network NETSARC+ (fr)', 'reseaux/netsarc/index.html'],
  ['network NETSARC+ (en)', 'en/networks/netsarc/index.html'],
  ['networks list (fr)', 'reseaux/index.html'],
  ['ERN EURACAN (fr)', 'reseaux-europeens/euracan/index.html'],
  ['partner EURORDIS (fr)', 'partenaires/eurordis/index.html'],
  ['long page (fr)', 'organisation-des-soins/index.html'],
  ['glossary (fr)', 'glossaire/index.html'],
  ['search (fr)', 'recherche/index.html'],
]) {
  const html = size(path);
  console.log(
    `${label}: HTML ${kib(html.raw)} raw / ${kib(html.gzip)} gzip; ` +
      `HTML+CSS ${kib(html.raw + css.raw)} / ${kib(html.gzip + css.gzip)} gzip`,
  );
}
const js = ['assets/search/search.js', 'assets/search/query.js'].map(size);
console.log(
  `search page scripts (only there): ${kib(js.reduce((a, b) => a + b.raw, 0))} raw, ` +
    `${kib(js.reduce((a, b) => a + b.gzip, 0))} gzip, plus Pagefind when a query runs`,
);
