// The public site in a real browser: axe-core (WCAG 2.1 A and AA rules) finds no violation on
// any page of the sitemap, on the search page with results and on the 404 page, in both
// languages; no request leaves the site's origin; with JavaScript off, every page still has its
// main content.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildSite, launchBrowser, serve } from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let site;
let server;
let browser;
let pages;

before(async () => {
  site = buildSite();
  server = await serve(site);
  browser = await launchBrowser();
  const sitemap = readFileSync(join(site, 'sitemap.xml'), 'utf8');
  const paths = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+(\/[^<]*)<\/loc>/g)].map((m) => m[1]);
  // Every page of the sitemap, plus what it does not list: results, and the 404 page.
  pages = [...paths, '/recherche/?q=sarcome', '/en/search/?q=sarcoma', '/page-inexistante/', '/en/missing-page/'];
  assert.ok(paths.length > 100, `${paths.length} pages in the sitemap`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function settle(page, path) {
  const response = await page.goto(`${server.url}${path}`);
  if (path.includes('?q=')) {
    await page.locator('[data-search-results][data-search-done]').waitFor({ state: 'attached' });
  }
  return response;
}

for (const colorScheme of ['light', 'dark']) {
test(`axe finds no WCAG 2.1 A/AA violation on any page (${colorScheme} scheme), and nothing is fetched elsewhere`, async () => {
  // CSP is bypassed only so that the test can inject axe; the site's own pages never need it.
  const context = await browser.newContext({ bypassCSP: true, colorScheme });
  const page = await context.newPage();
  const foreign = new Set();
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url)) foreign.add(request.url());
  });
  const problems = [];
  for (const path of pages) {
    await settle(page, path);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    );
    for (const violation of result.violations) {
      const targets = violation.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
      problems.push(`${path}: ${violation.id} (${violation.impact}): ${violation.help} — ${targets}`);
    }
  }
  await context.close();
  console.log(`axe (${colorScheme}): ${pages.length} pages checked, ${problems.length} violations`);
  assert.deepEqual(problems, []);
  assert.deepEqual([...foreign], [], 'requests to another origin');
});
}

test('every page reads without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const thin = [];
  for (const path of pages) {
    await page.goto(`${server.url}${path}`);
    const text = (await page.locator('main').innerText()).trim();
    const heading = await page.locator('main h1').count();
    if (text.length < 100 || heading !== 1) thin.push(`${path}: ${text.length} characters, ${heading} h1`);
  }
  await context.close();
  assert.deepEqual(thin, []);
});

test('pages work at 320 px wide without horizontal scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const wide = [];
  for (const path of ['/', '/en/', '/partenaires/eurordis/', '/en/european-networks/euracan/', '/en/networks/netsarc/', '/recherche/?q=sarcome', '/glossaire/', '/chiffres-cles/']) {
    await settle(page, path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) wide.push(`${path}: ${overflow}px too wide`);
    // The header's parts (name, language, search, menu button) do not overlap.
    const overlaps = await page.evaluate(() => {
      const boxes = [...document.querySelectorAll('.brand, .lang-switch a, .header-search, .menu > summary')]
        .map((el) => [el.className || el.tagName, el.getBoundingClientRect()]);
      const hit = [];
      for (const [i, [a, r]] of boxes.entries()) {
        for (const [b, q] of boxes.slice(i + 1)) {
          if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom) hit.push(`${a} / ${b}`);
        }
      }
      return hit;
    });
    for (const hit of overlaps) wide.push(`${path}: ${hit} overlap in the header`);
  }
  await context.close();
  assert.deepEqual(wide, []);
});

// The primary navigation: behind a "Menu" button (a <details> element) on small screens, with
// or without JavaScript, from the keyboard; always shown on a wide screen.
for (const javaScriptEnabled of [true, false]) {
  test(`the menu button opens the navigation (JavaScript ${javaScriptEnabled ? 'on' : 'off'}, keyboard and pointer)`, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled });
    const page = await context.newPage();
    for (const path of ['/reseaux/netsarc/', '/en/']) {
      await page.goto(`${server.url}${path}`);
      const menu = page.locator('.site-header summary');
      const firstLink = page.locator('.main-nav a').first();
      assert.equal(await menu.isVisible(), true, `${path}: no menu button`);
      assert.equal(await firstLink.isVisible(), false, `${path}: navigation shown before the button is pressed`);
      const count = await page.locator('.main-nav a').count();
      assert.ok(count >= 4 && count <= 6, `${path}: ${count} items in the navigation`);
      // Keyboard: Tab to the button, Enter opens, Tab reaches the first link, Enter again closes.
      let focused = '';
      for (let i = 0; i < 12 && focused !== 'SUMMARY'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement.tagName);
      }
      assert.equal(focused, 'SUMMARY', `${path}: the menu button is not reachable with Tab`);
      await page.keyboard.press('Enter');
      assert.equal(await firstLink.isVisible(), true, `${path}: Enter did not open the menu`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.closest('.main-nav') !== null), true);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      assert.equal(await firstLink.isVisible(), false, `${path}: Enter did not close the menu`);
      await menu.click();
      assert.equal(await firstLink.isVisible(), true, `${path}: a click did not open the menu`);
    }
    await context.close();
  });
}

test('on a wide screen the navigation is shown, without a menu button, on one line', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  for (const path of ['/reseaux/netsarc/', '/en/networks/netsarc/']) {
    await page.goto(`${server.url}${path}`);
    assert.equal(await page.locator('.site-header summary').isVisible(), false);
    const tops = await page.locator('.main-nav a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().top));
    assert.ok(tops.every((top) => top > 0), `${path}: navigation hidden`);
    assert.equal(new Set(tops).size, 1, `${path}: the navigation takes ${new Set(tops).size} lines`);
  }
  await context.close();
});

test('print: no navigation, the addresses of links written out, sources kept', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${server.url}/patients-et-proches/`);
  const shown = (selector) =>
    page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== 'none');
  assert.equal(await shown('.site-header'), false, 'header printed');
  assert.equal(await shown('.site-footer'), false, 'footer printed');
  assert.equal(await shown('.sources'), true, 'sources not printed');
  const after = await page
    .locator('.prose a[href^="http"]')
    .first()
    .evaluate((a) => ({ href: a.href, content: getComputedStyle(a, '::after').content }));
  assert.ok(after.content.includes(after.href.replace(/\/$/, '')), `link address not printed: ${after.content}`);
  await page.close();
});
