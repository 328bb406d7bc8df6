// Behaviour of the search page in a real browser, on the shipped site: typo correction shown,
// oe/œ, OR fallback, labelled results from the other language, keywords kept out of the page,
// keyboard use, and the A–Z index without JavaScript.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildSite, launchBrowser, networkIds, search, serve } from './harness.mjs';

let server;
let browser;
let page;

// French typography puts narrow no-break spaces inside « »: compare with plain spaces.
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');

before(async () => {
  server = await serve(buildSite());
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a typo is corrected, and the page says what was searched', async () => {
  const { hrefs, status } = await search(page, server.url, '/recherche/', 'mesothelyome');
  assert.equal(hrefs[0], '/reseaux/netmeso/');
  assert.match(plain(status), /Résultats pour « mésothéliome »/);
  assert.match(plain(status), /\d+ résultats?/);
});

test('the English page corrects typos too', async () => {
  const { hrefs, status } = await search(page, server.url, '/en/search/', 'mesotheliomma');
  assert.equal(hrefs[0], '/en/networks/netmeso/');
  assert.match(status, /Showing results for “mesothelioma”/);
});

test('oe and œ find the same network', async () => {
  for (const query of ['lymphome maladie coeliaque', 'lymphome maladie cœliaque']) {
    const { hrefs, status } = await search(page, server.url, '/recherche/', query);
    assert.equal(hrefs[0], '/reseaux/celac/', query);
    assert.doesNotMatch(status, /Résultats pour/, `${query}: nothing to correct`);
  }
});

test('when no page has every word, pages with some of them are listed (OR)', async () => {
  // Two typos kept as search terms of two different networks: no page has both.
  const { hrefs } = await search(page, server.url, '/recherche/', 'merckel tymome');
  assert.ok(hrefs.includes('/reseaux/caraderm/'), hrefs.join(' '));
  assert.ok(hrefs.includes('/reseaux/rythmic/'), hrefs.join(' '));
});

test("results come from the other language, labelled, when the reader's has none", async () => {
  // "MDT" (multidisciplinary team) appears only in the English pages.
  const { hrefs, status } = await search(page, server.url, '/recherche/', 'MDT');
  assert.ok(hrefs.length > 0);
  assert.ok(hrefs.every((href) => href.startsWith('/en/')), hrefs.join(' '));
  assert.match(plain(status), /Aucun résultat en français/);
  const item = page.locator('[data-search-results] li').first();
  assert.equal(await item.getAttribute('lang'), 'en');
  assert.match(await item.innerText(), /English/);
});

test('nothing found says so, and lists nothing', async () => {
  const { hrefs, status } = await search(page, server.url, '/recherche/', 'zzqxw');
  assert.deepEqual(hrefs, []);
  assert.match(plain(status), /Aucun résultat pour « zzqxw »/);
});

test('hidden keywords find a record but never show on the page', async () => {
  // "caraderme" is a misspelling kept in CARADERM's search terms only.
  const { hrefs } = await search(page, server.url, '/recherche/', 'caraderme');
  assert.equal(hrefs[0], '/reseaux/caraderm/');
  const shown = await page.locator('main').innerText();
  assert.doesNotMatch(shown, /caraderme/i);
  const first = await page.locator('[data-search-results] li').first().innerText();
  assert.match(first, /Réseau national/);
  assert.match(first, /peau/, 'the summary is shown as the description');
});

test('the query stays in the URL and the field; each network result is a real link', async () => {
  await search(page, server.url, '/recherche/', 'sarcome');
  assert.equal(await page.inputValue('#q'), 'sarcome');
  const first = page.locator('[data-search-results] li a').first();
  await first.click();
  await page.waitForURL('**/reseaux/netsarc/');
});

test('keyboard only: header field, Enter, then Tab to the first result with a visible focus', async () => {
  // The home page has its own search field instead of the header's: start from a network.
  await page.goto(`${server.url}/reseaux/netsarc/`);
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'header-q'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id ?? '');
  }
  assert.equal(focused, 'header-q', 'the header search field is reachable with Tab');
  await page.keyboard.type('sarcome');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/recherche/?q=sarcome');
  await page.locator('[data-search-results][data-search-done]').waitFor({ state: 'attached' });
  let onResult = false;
  for (let i = 0; i < 40 && !onResult; i++) {
    await page.keyboard.press('Tab');
    onResult = await page.evaluate(() =>
      Boolean(document.activeElement?.closest('[data-search-results]')),
    );
  }
  assert.ok(onResult, 'a result link is reachable with Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.notEqual(outline.style, 'none');
  assert.ok(outline.width >= 2, `focus outline ${outline.width}px`);
});

test('without JavaScript the A–Z index links every condition to its network', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  await noJs.goto(`${server.url}/recherche/?q=sarcome`);
  const entries = await noJs.locator('.az-list li').evaluateAll((items) =>
    items.map((li) => ({ text: li.innerText, href: li.querySelector('a').pathname })),
  );
  const linked = new Set(entries.map((e) => e.href));
  for (const id of networkIds().values()) {
    assert.ok(linked.has(`/reseaux/${id}/`), `A–Z index has no entry for ${id}`);
  }
  const merkel = entries.find((e) => /^carcinome de Merkel/.test(e.text));
  assert.equal(merkel?.href, '/reseaux/caraderm/');
  assert.equal(await noJs.locator('[data-search-results] li').count(), 0);
  await context.close();
});
