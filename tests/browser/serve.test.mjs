// `reperes serve` in a real browser: eight open tabs all reload after an edit, a ninth page
// still loads, and the tabs left reload after each edit as tabs close. A browser opens at most
// six HTTP/1.1 connections to a host, so a reload stream held per tab over HTTP would leave the
// seventh tab waiting (this test then fails); each page holds a WebSocket instead
// (src/serve/live.js), which browsers pool apart.

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
  const sockets = [];
  for (let i = 0; i < TABS; i += 1) {
    const page = await context.newPage();
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${base}a-propos/`);
    pages.push(page);
  }
  // Each tab listens on its own WebSocket, and the connections left serve a new page at once.
  await eventually(() => sockets.length >= TABS, 'a WebSocket per tab');
  assert.ok(sockets.every((url) => url.startsWith(base.replace(/^http/, 'ws'))), sockets.join());
  const another = await context.newPage();
  await another.goto(base, { timeout: 5000 });
  await another.close();
  let round = 1;
  await editAndWait(pages, round);
  while (pages.length > 1) {
    const closing = pages.splice(0, pages.length > 4 ? 4 : 1);
    await Promise.all(closing.map((page) => page.close()));
    round += 1;
    await editAndWait(pages, round);
  }
  await context.close();
});

/** Poll `check` until it holds (or fail after `ms`). */
async function eventually(check, what, ms = 15000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
