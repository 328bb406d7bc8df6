// `reperes serve` in a real browser: eight open tabs all reload after each of two edits, and
// again after the tab that listened for the others is closed. A browser opens at most six
// HTTP/1.1 connections to a host, so an event stream per tab would starve the others; the
// preview's pages share one stream (src/serve/live.js: a Web Lock elects the page that listens,
// a BroadcastChannel tells the others).

import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, repo } from './harness.mjs';

const TABS = 8;
let dir;
let server;
let base;
let browser;

/** The minimal fixture with the repository's theme and strings, in a temporary folder. */
function fixtureSite() {
  const root = mkdtempSync(join(tmpdir(), 'reperes-serve-'));
  cpSync(join(repo, 'themes'), join(root, 'themes'), { recursive: true });
  cpSync(join(repo, 'i18n'), join(root, 'i18n'), { recursive: true });
  cpSync(join(repo, 'tests', 'fixtures', 'minimal'), root, { recursive: true });
  return root;
}

/** Start `reperes serve` on a free port; resolves with its address once it serves. */
function startServe(root) {
  const targetDir = resolve(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'));
  const binary = process.env.REPERES_BIN ?? join(targetDir, 'debug', 'reperes');
  if (!existsSync(binary)) throw new Error(`${binary} not found: run \`cargo build\` first`);
  const child = spawn(binary, ['serve', '--root', root, '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${log}`)), 30000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (found) {
        clearTimeout(timer);
        ok({ child, url: found[1] });
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited (${code}):\n${log}`)));
  });
}

before(async () => {
  dir = fixtureSite();
  const started = await startServe(dir);
  server = started.child;
  base = started.url;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Append a line to the French "about" page; resolves once every tab shows it. */
async function editAndWait(pages, round) {
  // Words, not digits: French typography puts a no-break space after a number.
  const words = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit'];
  const marker = `Ajouté au tour ${words[round]}, ${words[pages.length]} onglets ouverts.`;
  appendFileSync(join(dir, 'content', 'pages', 'a-propos.fr.md'), `\n${marker}\n`);
  await Promise.all(
    pages.map((page, i) =>
      page
        .getByText(marker)
        .waitFor({ timeout: 15000 })
        .catch(() => assert.fail(`round ${round}: tab ${i + 1} of ${pages.length} did not reload`)),
    ),
  );
}

test(`${TABS} open tabs all reload after an edit, and still do as tabs close`, async () => {
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < TABS; i += 1) {
    const page = await context.newPage();
    await page.goto(`${base}a-propos/`);
    pages.push(page);
  }
  let round = 1;
  await editAndWait(pages, round);
  // Whichever tab listens for the others (it changes at each reload) may be the one closed: the
  // others must still reload.
  while (pages.length > 1) {
    const closing = pages.splice(pages.length > 4 ? 0 : 1, pages.length > 4 ? 4 : 1);
    await Promise.all(closing.map((page) => page.close()));
    round += 1;
    await editAndWait(pages, round);
  }
  await context.close();
});
