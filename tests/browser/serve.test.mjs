// `reperes serve` in a real browser: eight open tabs all reload after one edit. A browser opens
// at most six HTTP/1.1 connections to a host, so an event stream per tab would starve the
// others; the preview shares one stream per browser (src/serve/live-worker.js).

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

test(`${TABS} open tabs all reload after an edit`, async () => {
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < TABS; i += 1) {
    const page = await context.newPage();
    await page.goto(`${base}a-propos/`);
    pages.push(page);
  }
  // Every tab has its reload channel open before the edit. (The wait and the timeout below are
  // generous: eight pages reloading at once through five free connections take a while on a
  // loaded machine.)
  await new Promise((ok) => setTimeout(ok, 2000));
  const marker = 'Ajouté pendant que huit onglets sont ouverts.';
  appendFileSync(join(dir, 'content', 'pages', 'a-propos.fr.md'), `\n${marker}\n`);
  await Promise.all(
    pages.map((page, i) =>
      page
        .getByText(marker)
        .waitFor({ timeout: 30000 })
        .catch(() => assert.fail(`tab ${i + 1} of ${TABS} did not reload`)),
    ),
  );
  await context.close();
});
