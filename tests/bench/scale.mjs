// Scale benchmark: builds a deterministic synthetic bilingual site of N page pairs (400–800 words
// each, with headings, lists, tables and links) and N/10 network records (at least 10) with
// `reperes build`, and the same corpus laid out for Hugo with `hugo` then the Pagefind CLI.
// Reports wall time (median of paired runs, alternating which goes first), HTML pages per second,
// peak memory (/usr/bin/time -v), CPU time, Repères' stage times (`--timings`), the ratio
// reperes / (hugo + pagefind), and how time and memory grow from one size to the next.
//
//   cargo build --release && node tests/bench/scale.mjs [--sizes 100,1000,10000] [--runs 5]
//       [--install] [--npx] [--seed 1] [--keep] [--json FILE] [--dir DIR]
//
// --install  installs what is missing: `time` and `hugo` with apt-get, the Pagefind CLI with
//            `npm install --prefix tests/bench` (pinned in tests/bench/package.json; not `npm ci`,
//            which refuses a lock file holding only this platform's optional binary package).
// --npx      times `npx --offline pagefind` (adds npm and Node start-up, about 0.3 s) instead of
//            the Pagefind binary itself (the default: the comparison most favourable to Hugo).
// --keep     keeps the generated sites and outputs (printed path) instead of deleting them.
// --dir      where the sites and outputs go (default: the system's temporary folder). Both tools
//            write there, so both pay its file system's cost of creating thousands of files;
//            `--dir /dev/shm` (a tmpfs) measures the work without a disk.
//
// Uses target/release/reperes (or REPERES_BIN). Everything is written in a temporary folder,
// never in the repository. Nothing here asserts a time: it reports.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, recordCount } from './corpus.mjs';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const benchDir = join(repo, 'tests', 'bench');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(option('--runs', 5));
const seed = Number(option('--seed', 1));
const jsonFile = option('--json', null);
const workDir = resolve(option('--dir', tmpdir()));
const targetDir = resolve(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'));
const reperes = process.env.REPERES_BIN ?? join(targetDir, 'release', 'reperes');
const TIME = '/usr/bin/time';

// --- Tools -----------------------------------------------------------------------------------

const has = (cmd, versionArgs) => spawnSync(cmd, versionArgs, { encoding: 'utf8' }).status === 0;
function aptInstall(pkg) {
  const root = process.getuid?.() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (cmd) => execFileSync(root ? cmd[0] : 'sudo', root ? cmd.slice(1) : cmd, { stdio: 'inherit', env });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', pkg]);
}
function pagefindBinary() {
  if (process.env.PAGEFIND_BIN) return process.env.PAGEFIND_BIN;
  const scope = join(benchDir, 'node_modules', '@pagefind');
  if (!existsSync(scope)) return null;
  for (const platform of readdirSync(scope).sort()) {
    for (const name of ['pagefind_extended', 'pagefind']) {
      const path = join(scope, platform, 'bin', name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

if (!existsSync(reperes)) {
  console.error(`${reperes} not found: run \`cargo build --release\` first (or set REPERES_BIN)`);
  process.exit(2);
}
if (!existsSync(TIME)) {
  if (!args.includes('--install')) {
    console.error(`${TIME} not found (peak memory needs it): apt-get install time, or rerun with --install`);
    process.exit(2);
  }
  aptInstall('time');
}
let hugo = has('hugo', ['version']);
if (!hugo && args.includes('--install')) {
  aptInstall('hugo');
  hugo = has('hugo', ['version']);
}
let pagefind = pagefindBinary();
if (!pagefind && args.includes('--install')) {
  execFileSync('npm', ['install', '--prefix', benchDir, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
  });
  pagefind = pagefindBinary();
}
const compare = hugo && pagefind;
const pagefindCommand = args.includes('--npx') ? ['npx', '--offline', 'pagefind'] : [pagefind];

// --- Measuring -------------------------------------------------------------------------------

/** Runs a command under /usr/bin/time -v: wall ms (measured here), peak RSS KiB, CPU s. */
function timed(command, commandArgs, cwd, scratch) {
  const report = join(scratch, 'time.txt');
  const start = performance.now();
  const run = spawnSync(TIME, ['-v', '-o', report, command, ...commandArgs], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (run.status !== 0) {
    throw new Error(`${command} ${commandArgs.join(' ')} failed (${run.status}):\n${run.stderr.slice(-4000)}`);
  }
  const text = readFileSync(report, 'utf8');
  const field = (label) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(text)[1]);
  return {
    ms,
    rssKiB: field('Maximum resident set size \\(kbytes\\)'),
    cpuS: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    stdout: run.stdout,
    stderr: run.stderr,
  };
}

/** HTML pages (outside the search bundle), their bytes, and the bytes of the whole output. */
function outputStats(dir, stats = { pages: 0, htmlBytes: 0, bytes: 0 }, inBundle = false) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) outputStats(path, stats, inBundle || name === 'pagefind');
    else {
      stats.bytes += info.size;
      if (!inBundle && name.endsWith('.html')) {
        stats.pages++;
        stats.htmlBytes += info.size;
      }
    }
  }
  return stats;
}

/** Stage times of `reperes build --timings` (stderr), in ms, and the search index lines. */
function parseTimings(stderr) {
  const stages = {};
  for (const m of stderr.matchAll(/^ {2}([a-z][a-z0-9 ()]*?) +([\d.]+) ms$/gm)) stages[m[1]] = Number(m[2]);
  const indexes = [
    ...stderr.matchAll(/search index `(\w+)`: (\d+) documents, (\d+) words, (\d+) KiB, ([\d.]+) ms/g),
  ].map((m) => ({ lang: m[1], documents: Number(m[2]), words: Number(m[3]), kib: Number(m[4]), ms: Number(m[5]) }));
  return { stages, indexes };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const secs = (ms) => `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const int = (n) => Math.round(n).toLocaleString('en-US');
const spread = (values) => `${secs(median(values))} (${secs(Math.min(...values))}–${secs(Math.max(...values))})`;

// --- Running ---------------------------------------------------------------------------------

const version = (cmd, a) => spawnSync(cmd, a, { encoding: 'utf8' }).stdout?.trim().split('\n')[0] ?? '?';
const commit = spawnSync('git', ['-C', repo, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim();
console.log(`Scale benchmark: sizes ${sizes.join(', ')}, ${runs} paired runs each, seed ${seed}`);
console.log(`  reperes: ${reperes} (commit ${commit})`);
console.log(
  compare
    ? `  hugo: ${version('hugo', ['version'])}\n  pagefind: ${pagefindCommand.join(' ')} (${version(pagefind, ['--version'])})`
    : `  comparison skipped: ${hugo ? '' : 'hugo not found (apt-get install hugo) '}${pagefind ? '' : 'Pagefind CLI not found (npm install --prefix tests/bench)'}; rerun with --install`,
);
console.log('  zola: not measured (not packaged in Debian; no other source of binaries here)');
console.log(
  `  work folder: ${workDir}\n  machine: ${availableParallelism()} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);

const results = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(workDir, `reperes-scale-${n}-`));
  const root = join(dir, 'reperes');
  const hugoRoot = join(dir, 'hugo');
  const reperesOut = join(dir, 'reperes-public');
  const hugoOut = join(dir, 'hugo-public');
  const genStart = performance.now();
  const corpus = generate({ n, repo, root, hugoRoot, seed });
  console.log(
    `N = ${int(n)} page pairs, ${int(recordCount(n))} networks, ${(corpus.words / 1e6).toFixed(2)} M words of page text ` +
      `(generated in ${secs(performance.now() - genStart)} into ${dir})`,
  );

  const buildReperes = () => {
    rmSync(reperesOut, { recursive: true, force: true });
    const run = timed(reperes, ['build', '--root', root, '--out', reperesOut, '--timings'], root, dir);
    return { ...run, ...parseTimings(run.stderr) };
  };
  const buildHugo = () => {
    rmSync(hugoOut, { recursive: true, force: true });
    const h = timed('hugo', ['--source', hugoRoot, '--destination', hugoOut, '--minify=false'], hugoRoot, dir);
    const p = timed(
      pagefindCommand[0],
      [...pagefindCommand.slice(1), '--site', hugoOut],
      args.includes('--npx') ? benchDir : hugoRoot,
      dir,
    );
    const indexed = /Indexed (\d+) pages/.exec(p.stdout)?.[1];
    return { hugo: h, pagefind: p, ms: h.ms + p.ms, indexed: Number(indexed) };
  };

  // One build of each first, not counted: fills the page cache and checks both outputs.
  buildReperes();
  const reperesOutput = outputStats(reperesOut);
  const reperesPages = reperesOutput.pages;
  let hugoOutput = null;
  let hugoPages = null;
  if (compare) {
    buildHugo();
    hugoOutput = outputStats(hugoOut);
    hugoPages = hugoOutput.pages;
  }
  const size = (o) =>
    `${int(o.pages)} HTML pages, ${(o.htmlBytes / 2 ** 20).toFixed(1)} MiB of HTML, ${(o.bytes / 2 ** 20).toFixed(1)} MiB in all`;
  console.log(`  output: reperes ${size(reperesOutput)}` + (compare ? `; hugo + pagefind ${size(hugoOutput)}` : ''));
  console.log(
    `  load average before the runs: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const r = [];
  const h = [];
  for (let k = 0; k < runs; k++) {
    // Alternate which goes first, so that neither always runs on a warmer or busier machine.
    if (!compare) r.push(buildReperes());
    else if (k % 2 === 0) {
      r.push(buildReperes());
      h.push(buildHugo());
    } else {
      h.push(buildHugo());
      r.push(buildReperes());
    }
    process.stdout.write(
      `  run ${k + 1}/${runs}: reperes ${secs(r[k].ms)}` +
        (compare ? `, hugo ${secs(h[k].hugo.ms)} + pagefind ${secs(h[k].pagefind.ms)}` : '') +
        '\n',
    );
  }

  const result = {
    n,
    networks: recordCount(n),
    words: corpus.words,
    reperes: {
      pages: reperesPages,
      output: reperesOutput,
      ms: r.map((x) => x.ms),
      rssKiB: Math.max(...r.map((x) => x.rssKiB)),
      cpuS: median(r.map((x) => x.cpuS)),
      stages: Object.fromEntries(Object.keys(r[0].stages).map((s) => [s, median(r.map((x) => x.stages[s]))])),
      indexes: r.at(-1).indexes,
    },
  };
  const reperesMs = median(result.reperes.ms);
  console.log(`\n| N = ${int(n)} | HTML pages | wall: median (min–max) | pages/s | peak RSS | CPU user+sys |`);
  console.log('|---|---:|---|---:|---:|---:|');
  console.log(
    `| reperes build | ${int(reperesPages)} | ${spread(result.reperes.ms)} | ${int(reperesPages / (reperesMs / 1000))} | ` +
      `${mib(result.reperes.rssKiB)} | ${result.reperes.cpuS.toFixed(2)} s |`,
  );
  if (compare) {
    const part = (name) => ({
      ms: h.map((x) => x[name].ms),
      rssKiB: Math.max(...h.map((x) => x[name].rssKiB)),
      cpuS: median(h.map((x) => x[name].cpuS)),
    });
    result.hugo = { pages: hugoPages, output: hugoOutput, ...part('hugo') };
    result.pagefind = { indexed: h.at(-1).indexed, ...part('pagefind') };
    result.both = {
      ms: h.map((x) => x.ms),
      rssMaxKiB: Math.max(result.hugo.rssKiB, result.pagefind.rssKiB),
      rssSumKiB: result.hugo.rssKiB + result.pagefind.rssKiB,
      cpuS: median(h.map((x) => x.hugo.cpuS + x.pagefind.cpuS)),
    };
    // The paired ratio: each Repères build against the Hugo + Pagefind build next to it.
    result.ratio = median(r.map((x, k) => x.ms / h[k].ms));
    const bothMs = median(result.both.ms);
    console.log(
      `| hugo | ${int(hugoPages)} | ${spread(result.hugo.ms)} | ${int(hugoPages / (median(result.hugo.ms) / 1000))} | ` +
        `${mib(result.hugo.rssKiB)} | ${result.hugo.cpuS.toFixed(2)} s |`,
    );
    console.log(
      `| pagefind --site (${int(result.pagefind.indexed)} pages indexed) | | ${spread(result.pagefind.ms)} | | ` +
        `${mib(result.pagefind.rssKiB)} | ${result.pagefind.cpuS.toFixed(2)} s |`,
    );
    console.log(
      `| hugo + pagefind | ${int(hugoPages)} | ${spread(result.both.ms)} | ${int(hugoPages / (bothMs / 1000))} | ` +
        `max ${mib(result.both.rssMaxKiB)}, sum ${mib(result.both.rssSumKiB)} | ${result.both.cpuS.toFixed(2)} s |`,
    );
    console.log(
      `\n  reperes / (hugo + pagefind): ${result.ratio.toFixed(2)} (median of ${runs} paired ratios; ` +
        `≤ 0.50 is the bar: ${result.ratio <= 0.5 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  peak memory: reperes ${mib(result.reperes.rssKiB)}, hugo ${mib(result.hugo.rssKiB)} ` +
        `(below hugo's is the bar: ${result.reperes.rssKiB < result.hugo.rssKiB ? 'met' : 'NOT met'})`,
    );
  }
  console.log(
    `  reperes stages (median ms): ` +
      Object.entries(result.reperes.stages)
        .map(([s, ms]) => `${s} ${ms.toFixed(0)}`)
        .join(', '),
  );
  console.log(
    `  reperes search index: ` +
      result.reperes.indexes
        .map((i) => `${i.lang} ${int(i.documents)} documents, ${int(i.words)} words, ${int(i.kib)} KiB`)
        .join('; ') +
      '\n',
  );
  results.push(result);
  if (args.includes('--keep')) console.log(`  kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

// --- Summary ---------------------------------------------------------------------------------

console.log('Summary (medians)\n');
console.log(
  compare
    ? '| N | HTML pages (reperes / hugo) | reperes | hugo + pagefind | ratio | pages/s (reperes / h+p) | peak RSS reperes | hugo / pagefind |'
    : '| N | HTML pages | reperes | pages/s | peak RSS |',
);
console.log(compare ? '|---:|---:|---:|---:|---:|---:|---:|---:|' : '|---:|---:|---:|---:|---:|');
for (const x of results) {
  const rm = median(x.reperes.ms);
  if (!compare) {
    console.log(
      `| ${int(x.n)} | ${int(x.reperes.pages)} | ${secs(rm)} | ${int(x.reperes.pages / (rm / 1000))} | ${mib(x.reperes.rssKiB)} |`,
    );
    continue;
  }
  const bm = median(x.both.ms);
  console.log(
    `| ${int(x.n)} | ${int(x.reperes.pages)} / ${int(x.hugo.pages)} | ${secs(rm)} | ${secs(bm)} | ${x.ratio.toFixed(2)} | ` +
      `${int(x.reperes.pages / (rm / 1000))} / ${int(x.hugo.pages / (bm / 1000))} | ${mib(x.reperes.rssKiB)} | ` +
      `${mib(x.hugo.rssKiB)} / ${mib(x.pagefind.rssKiB)} |`,
  );
}

const stageNames = [...new Set(results.flatMap((x) => Object.keys(x.reperes.stages)))];
console.log(`\nRepères stages (median ms; \`search (parallel)\` runs beside render and open data)\n`);
console.log(`| stage | ${results.map((x) => `N = ${int(x.n)}`).join(' | ')} |`);
console.log(`|---|${results.map(() => '---:').join('|')}|`);
for (const s of stageNames) {
  console.log(`| ${s} | ${results.map((x) => (x.reperes.stages[s] ?? NaN).toFixed(0)).join(' | ')} |`);
}
console.log(`| whole process (wall) | ${results.map((x) => median(x.reperes.ms).toFixed(0)).join(' | ')} |`);

// Growth between consecutive sizes: linear means time and memory grow like the page count.
const sorted = [...results].sort((a, b) => a.n - b.n);
for (let k = 1; k < sorted.length; k++) {
  const [a, b] = [sorted[k - 1], sorted[k]];
  const f = (x, y) => `×${(y / x).toFixed(2)}`;
  console.log(
    `\nGrowth from N = ${int(a.n)} to ${int(b.n)} (pages ${f(a.reperes.pages, b.reperes.pages)}; linear = the same factor):`,
  );
  console.log(
    `  reperes: time ${f(median(a.reperes.ms), median(b.reperes.ms))}, peak memory ${f(a.reperes.rssKiB, b.reperes.rssKiB)}`,
  );
  if (compare) {
    console.log(
      `  hugo + pagefind: time ${f(median(a.both.ms), median(b.both.ms))}, peak memory ` +
        `hugo ${f(a.hugo.rssKiB, b.hugo.rssKiB)}, pagefind ${f(a.pagefind.rssKiB, b.pagefind.rssKiB)}`,
    );
  }
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ commit, seed, runs, results }, null, 2) + '\n');
