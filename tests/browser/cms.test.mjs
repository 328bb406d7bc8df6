// Editing in the browser (#18), on a copy of the shipped site under `reperes serve --edit`:
// Decap CMS at /admin/ opens a network as a form, an edited French name is saved into its YAML
// file (every other value unchanged once parsed), the preview shows it and `check` passes; a
// page created in both languages through the forms builds; a write from another origin is
// refused and changes nothing; a path outside content/ is refused. No request of the browser
// leaves 127.0.0.1.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { launchBrowser, repo, serve } from './harness.mjs';

const binary =
  process.env.REPERES_BIN ??
  join(resolve(process.env.CARGO_TARGET_DIR ?? join(repo, 'target')), 'debug', 'reperes');
const work = mkdtempSync(join(tmpdir(), 'reperes-cms-'));
const site = join(work, 'site');
const netmeso = join(site, 'content', 'networks', 'netmeso.yaml');

let serveProcess;
let base;
let other;
let browser;
let context;
const requests = [];
const blocked = [];

/** Start `reperes serve --edit --port 0` and resolve with its address once it serves. */
function startEditor() {
  return new Promise((ok, fail) => {
    serveProcess = spawn(binary, ['serve', '--edit', '--port', '0', '--root', site], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    serveProcess.on('error', fail);
    serveProcess.on('exit', (code) => fail(new Error(`serve exited (${code})`)));
    createInterface({ input: serveProcess.stderr }).on('line', (line) => {
      const match = /^Serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
      if (match) ok(match[1]);
    });
  });
}

/** Poll `check` until it holds (or fail after `ms`). */
async function eventually(check, what, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The token of the editor's page, as a page of this origin would read it. */
async function token() {
  const page = await (await fetch(`${base}/admin/`)).text();
  return /name="reperes-token" content="([0-9a-f]+)"/.exec(page)[1];
}

/** A backend request from Node, with the headers given. */
async function api(message, headers) {
  const response = await fetch(`${base}/__reperes/cms/api/v1`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(message),
  });
  return { status: response.status, body: await response.json() };
}

function persist(path, raw) {
  return {
    action: 'persistEntry',
    params: {
      branch: 'main',
      dataFiles: [{ path, slug: 'x', raw }],
      assets: [],
      options: { commitMessage: 'test', useWorkflow: false },
    },
  };
}

/** A page of the editor at `hash`, signed in (the local backend needs no account; the browser
 * remembers it), once `ready(page)` shows. */
async function openEditor(hash, ready) {
  const page = await context.newPage();
  await page.goto(`${base}/admin/#${hash}`);
  const login = page.getByRole('button', { name: 'Se connecter' });
  await login.or(ready(page)).first().waitFor({ timeout: 30000 });
  if (await login.isVisible()) {
    await login.click();
    await page.goto(`${base}/admin/#${hash}`);
  }
  await ready(page).waitFor({ timeout: 30000 });
  return page;
}

async function publish(page) {
  await page.getByRole('button', { name: 'Publier' }).first().click();
  await page.getByText('Publier maintenant').click();
}

before(async () => {
  if (!existsSync(binary)) throw new Error(`${binary} not found: run \`cargo build\` first`);
  for (const folder of ['content', 'themes', 'i18n']) {
    cpSync(join(repo, folder), join(site, folder), { recursive: true });
  }
  base = await startEditor();
  // Another site on this machine, open in the same browser.
  other = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!DOCTYPE html><title>Another site</title><p>Another site</p>');
  });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.on('request', (request) => requests.push(request.url()));
  // What the Content-Security-Policy of /admin/ blocks shows as console errors (without
  // 'unsafe-eval', Ajv's "Error compiling schema" stops the CMS).
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|compiling schema/.test(message.text())) {
      blocked.push(message.text());
    }
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => (other ? other.close(ok) : ok()));
  serveProcess?.removeAllListeners('exit');
  serveProcess?.kill();
  rmSync(work, { recursive: true, force: true });
});

test('a network opens as a form; its edited French name is saved, previewed and checked', async () => {
  const before = parse(readFileSync(netmeso, 'utf8'));
  const frenchName = (page) => page.getByLabel('Français (fr)').first();
  const page = await openEditor('/collections/networks/entries/netmeso', frenchName);
  const name = frenchName(page);
  assert.equal(await name.inputValue(), before.name.fr);
  const edited = 'Réseau NETMESO (nom modifié dans le navigateur)';
  await name.fill(edited);
  await publish(page);
  await eventually(() => parse(readFileSync(netmeso, 'utf8')).name.fr === edited, 'the save');

  const saved = parse(readFileSync(netmeso, 'utf8'));
  assert.deepEqual(saved, { ...before, name: { ...before.name, fr: edited } });
  await eventually(
    async () => (await (await fetch(`${base}/reseaux/netmeso/`)).text()).includes(edited),
    'the preview shows the new name',
  );
  const check = spawnSync(binary, ['check', '--root', site], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  await page.close();
});

test('a page created in both languages through the forms builds', async () => {
  const title = (page) => page.getByLabel('Titre', { exact: true }).first();
  const page = await openEditor('/collections/pages/new', title);
  // Two panes, French then English: the nth input of a label is in the pane of its rank.
  const titles = page.getByLabel('Titre', { exact: true });
  await titles.nth(0).fill('Page d’essai');
  await titles.nth(1).fill('Test page');
  const descriptions = page.getByLabel('Description', { exact: true });
  await descriptions.nth(0).fill('Une page créée dans le navigateur.');
  await descriptions.nth(1).fill('A page created in the browser.');
  const addSource = page.getByRole('button', { name: /Ajouter sources/ });
  await addSource.nth(0).click();
  await titles.nth(1).fill('Source FR');
  await page.getByLabel('Adresse web', { exact: true }).nth(0).fill('https://example.org/fr');
  await addSource.nth(1).click();
  await titles.nth(3).fill('Source EN');
  await page.getByLabel('Adresse web', { exact: true }).nth(1).fill('https://example.org/en');
  const reviewed = page.getByLabel('Relu le', { exact: true });
  await reviewed.nth(0).fill('2026-12-01');
  await reviewed.nth(1).fill('2026-12-01');
  const bodies = page.locator('[contenteditable=true]');
  await bodies.nth(0).click();
  await page.keyboard.type('Le texte de la page.');
  await bodies.nth(1).click();
  await page.keyboard.type('The text of the page.');
  await publish(page);

  const pages = join(site, 'content', 'pages');
  await eventually(
    () => existsSync(join(pages, 'page-d-essai.fr.md')) && existsSync(join(pages, 'page-d-essai.en.md')),
    'both files',
  );
  assert.match(readFileSync(join(pages, 'page-d-essai.en.md'), 'utf8'), /^---\ntitle: Test page\n/);
  const out = join(work, 'public');
  const build = spawnSync(binary, ['build', '--root', site, '--out', out], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.ok(existsSync(join(out, 'page-d-essai', 'index.html')));
  assert.ok(existsSync(join(out, 'en', 'page-d-essai', 'index.html')));
  await page.close();
});

test('a page of another site cannot write, with or without the token', async () => {
  const before = readFileSync(netmeso, 'utf8');
  const write = persist('content/networks/netmeso.yaml', 'acronym: HACKED\n');
  // From Node, which may claim any origin: refused.
  const foreign = await api(write, { Origin: 'http://evil.example', 'X-Reperes-Token': await token() });
  assert.equal(foreign.status, 403);
  // From the browser: a page of another origin posts as it can (no CORS pre-flight).
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${other.address().port}/`);
  const outcome = await page.evaluate(
    async ({ url, body }) => {
      try {
        await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
        await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        return 'sent';
      } catch {
        return 'blocked';
      }
    },
    { url: `${base}/__reperes/cms/api/v1`, body: JSON.stringify(write) },
  );
  assert.equal(outcome, 'blocked', 'the JSON request needs a pre-flight nobody grants');
  assert.equal(readFileSync(netmeso, 'utf8'), before);
  await page.close();
});

test('a path outside content/ is refused', async () => {
  const headers = { Origin: base, 'X-Reperes-Token': await token() };
  for (const path of ['../outside.yaml', 'content/../Cargo.toml', '/tmp/outside.yaml', 'themes/default/x.yaml']) {
    const { status } = await api(persist(path, 'x: 1\n'), headers);
    assert.equal(status, 403, path);
  }
  assert.ok(!existsSync(join(work, 'outside.yaml')));
  assert.ok(!existsSync(join(site, 'Cargo.toml')));
  assert.ok(!existsSync('/tmp/outside.yaml'));
});

test('a published /admin/ (site.yaml `cms:`) starts within its own policy', async () => {
  const published = join(work, 'published');
  for (const folder of ['content', 'themes', 'i18n']) {
    cpSync(join(repo, folder), join(published, folder), { recursive: true });
  }
  appendFileSync(
    join(published, 'content', 'site.yaml'),
    'cms:\n  backend: github\n  repository: example-org/reperes-site\n',
  );
  const out = join(work, 'published-public');
  const build = spawnSync(binary, ['build', '--root', published, '--out', out], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const server = await serve(out);
  const page = await context.newPage();
  // Signing in would go to GitHub: should anything try to leave this machine, it is stopped
  // here (and the last test fails).
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(`${server.url}/admin/`);
  await page.getByRole('button', { name: /GitHub/ }).waitFor({ timeout: 30000 });
  await page.close();
  await server.close();
});

test('the editor works within its Content-Security-Policy', () => {
  assert.deepEqual(blocked, []);
});

test('no request of the browser left 127.0.0.1', () => {
  assert.ok(requests.length > 10, `${requests.length} requests`);
  const away = requests.filter((url) => !/^(data:|blob:)/.test(url) && new URL(url).hostname !== '127.0.0.1');
  assert.deepEqual(away, [], away.join(' '));
});
