// Edit-to-page benchmark for `reperes serve`: starts the release binary on a site, listens to
// the live-reload event stream like a browser tab does, rewrites one Markdown page and times how
// long until the served page carries the edit (at the `reload` event, the page is requested; if
// it does not carry the edit yet, it is requested again until it does). Each edit alternately
// appends a line and removes it, so the page ends as it began. Saves come `--gap` ms apart (an
// editor's pace; the background search index of the previous save may still be running, as in
// real use). Reports every time and the median.
//
//   cargo build --release && node tests/bench/reload.mjs [--sizes shipped,1000,10000] [--edits 9] [--gap 3000]
//
// `shipped` is the repository's own site (its page `content/pages/a-propos.fr.md` is edited and
// restored); a number N is the synthetic corpus of scale.mjs with N page pairs, generated in a
// temporary folder. Nothing here asserts a time: it reports.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './corpus.mjs';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', 'shipped,1000').split(',');
const edits = Number(option('--edits', 9));
const gap = Number(option('--gap', 3000));
const targetDir = resolve(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'));
const reperes = process.env.REPERES_BIN ?? join(targetDir, 'release', 'reperes');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Starts `reperes serve`; resolves with the process, its port and a line waiter on stderr. */
function startServe(root, port) {
  const child = spawn(reperes, ['serve', '--root', root, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines = [];
  let waiting = [];
  let buffer = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      lines.push(line);
      const met = waiting.filter((w) => w.test(line));
      waiting = waiting.filter((w) => !w.test(line));
      for (const w of met) w.resolve(line);
    }
  });
  /** The next line (from now on) that passes `test`. */
  const nextLine = (test, timeoutMs = 120000) =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; serve said:\n${lines.slice(-20).join('\n')}`)), timeoutMs);
      waiting.push({
        test,
        resolve: (line) => {
          clearTimeout(timer);
          resolvePromise(line);
        },
      });
    });
  return { child, nextLine };
}

/** Opens the live-reload event stream; calls `onReload` at each `reload` event. */
function openEvents(port, onReload) {
  return new Promise((resolvePromise, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/__reperes/events' }, (response) => {
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          if (line === 'event: reload') onReload();
        }
      });
      resolvePromise(request);
    });
    request.on('error', reject);
  });
}

/** The body of `path` on the server. */
function get(port, path) {
  return new Promise((resolvePromise, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolvePromise(body));
      })
      .on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(label, root, page, url) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const original = readFileSync(page, 'utf8');
  const serve = startServe(root, port);
  try {
    await serve.nextLine((l) => l.startsWith('Search index rebuilt'), 600000);
    let reloaded = null;
    const events = await openEvents(port, () => reloaded?.());
    const times = [];
    const builds = [];
    for (let i = 0; i < edits; i++) {
      const marker = `Ligne de mesure ${i}.`;
      const adding = i % 2 === 0;
      const previous = `Ligne de mesure ${i - 1}.`;
      const text = adding ? `${original}\n${marker}\n` : original;
      const carries = (body) => (adding ? body.includes(marker) : !body.includes(previous));
      const built = serve.nextLine((l) => l.startsWith('Built '));
      let reload = new Promise((r) => (reloaded = r));
      const start = performance.now();
      writeFileSync(page, text);
      for (;;) {
        await reload;
        reload = new Promise((r) => (reloaded = r));
        if (carries(await get(port, url))) break;
      }
      times.push(performance.now() - start);
      builds.push(await built);
      await sleep(gap);
    }
    events.destroy();
    console.log(`\n${label}: save to served page over ${edits} edits, ${gap} ms apart`);
    console.log(`  times (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
    console.log(
      `  median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    );
    console.log(`  serve: ${builds.at(-1)}`);
    return { label, times, median: median(times) };
  } finally {
    writeFileSync(page, original);
    serve.child.kill('SIGINT');
  }
}

const results = [];
for (const size of sizes) {
  if (size === 'shipped') {
    results.push(await measure('shipped site', repo, join(repo, 'content', 'pages', 'a-propos.fr.md'), '/a-propos/'));
    continue;
  }
  const n = Number(size);
  const dir = mkdtempSync(join(tmpdir(), `reperes-reload-${n}-`));
  const root = join(dir, 'reperes');
  generate({ n, repo, root, hugoRoot: join(dir, 'hugo'), seed: 1 });
  try {
    results.push(await measure(`N = ${n} page pairs`, root, join(root, 'content', 'pages', 'p1.fr.md'), '/p1/'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('\n| site | save to served page, median | min–max |\n|---|---:|---:|');
for (const r of results) {
  console.log(`| ${r.label} | ${r.median.toFixed(0)} ms | ${Math.min(...r.times).toFixed(0)}–${Math.max(...r.times).toFixed(0)} ms |`);
}
