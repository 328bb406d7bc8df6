// The acceptance test of search: every query of search-terms.md, typed through `?q=` on the
// French and on the English search page of the built site, must put the expected network among
// the first three results for at least 95% of the queries in each language. Prints the rate
// and every miss.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildSite, launchBrowser, networkIds, search, searchTerms, serve } from './harness.mjs';

const REQUIRED_RATE = 0.95;
const LANGUAGES = [
  { lang: 'fr', searchPath: '/recherche/', networkPath: (id) => `/reseaux/${id}/` },
  { lang: 'en', searchPath: '/en/search/', networkPath: (id) => `/en/networks/${id}/` },
];

let server;
let browser;

before(async () => {
  server = await serve(buildSite());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const { lang, searchPath } of LANGUAGES) {
  test(`search-terms.md queries find their network in the top 3 (${lang} site)`, async () => {
    const ids = networkIds();
    const queries = searchTerms();
    assert.ok(queries.length > 200, `only ${queries.length} queries parsed`);
    // Two tabs share the work: the machine has two cores.
    const pages = [await browser.newPage(), await browser.newPage()];
    const misses = [];
    let crossLanguage = 0;
    let next = 0;
    await Promise.all(pages.map(async (page) => {
      while (next < queries.length) {
        const { network, tag, query } = queries[next++];
        const id = ids.get(network);
        assert.ok(id, `no record for ${network}`);
        const { hrefs } = await search(page, server.url, searchPath, query);
        const top = hrefs.slice(0, 3);
        // A result from the other language's index (labelled on the page) still finds the network.
        const hit = LANGUAGES.find((l) => top.includes(l.networkPath(id)));
        if (!hit) misses.push(`  [${tag}] ${query} → ${network}; got ${top.join(', ') || 'nothing'}`);
        else if (hit.lang !== lang) crossLanguage++;
      }
    }));
    await Promise.all(pages.map((page) => page.close()));
    const rate = (queries.length - misses.length) / queries.length;
    console.log(
      `search hit rate (${lang} site): ${(rate * 100).toFixed(1)}% ` +
        `(${queries.length - misses.length}/${queries.length}, ` +
        `${crossLanguage} through the other language)`,
    );
    if (misses.length) console.log(`misses (${lang} site):\n${misses.sort().join('\n')}`);
    assert.ok(rate >= REQUIRED_RATE, `hit rate ${(rate * 100).toFixed(1)}% < ${REQUIRED_RATE * 100}%`);
  });
}
