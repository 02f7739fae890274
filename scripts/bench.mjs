#!/usr/bin/env node
/**
 * `npm run bench`: prints figures. The client's lookup latency and parse speed
 * (vitest bench), the CLI's wall time as a fresh process, the size of what the
 * window loads, then each figure against its target (bench/figures/, each file
 * in a process of its own, and the window's in Chromium) into one table and
 * bench/results.json. It never fails on a missed target.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

// Figures of an earlier run that stopped half-way are not this run's.
rmSync('bench/.figures', { recursive: true, force: true });

// Always a fresh build: a stale out/ would time the CLI and the window of an older version beside today's source.
console.log('=== build (electron-vite build)');
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error(`the build failed (exit ${build.status}): no figures are taken from a stale out/`);
  process.exit(1);
}

console.log('=== client: lookup latency and answer parsing (vitest bench)');
spawnSync('npx', ['vitest', 'bench', '--run'], { stdio: 'inherit' });

const server = spawn(process.execPath, ['out/main/cli.js', 'local-server'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  server.once('exit', () => reject(new Error('local server exited')));
});

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const env = { ...process.env, ADAPTY_API_KEY: 'local_adapty_demo_key.not-a-real-secret' };
const times = [];
for (let i = 0; i < 15; i++) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['out/main/cli.js', 'lookup', '--customer-user-id', 'documented-example', '--json', '--base-url', url], { env });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (run.status !== 0) throw new Error(`cli exited ${run.status}: ${run.stderr}`);
}
times.sort((a, b) => a - b);
console.log(`\n=== CLI lookup as a fresh process (15 runs): p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
server.kill('SIGTERM');

const assets = join('out/renderer/assets');
console.log('\n=== what the window loads (out/renderer/assets)');
let total = 0;
let gzipped = 0;
for (const name of readdirSync(assets)) {
  const file = join(assets, name);
  const size = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  total += size;
  gzipped += gz;
  console.log(`  ${name.padEnd(32)} ${(size / 1024).toFixed(0).padStart(6)} KiB  (${(gz / 1024).toFixed(0)} KiB gzipped)`);
}
console.log(`  ${'total'.padEnd(32)} ${(total / 1024).toFixed(0).padStart(6)} KiB  (${(gzipped / 1024).toFixed(0)} KiB gzipped)`);

console.log('\n=== the window in headless Chromium: its start (and the batch table), for bench/results.json');
const windowRun = spawnSync('scripts/with-keychain.sh', ['npx', 'playwright', 'test', '-c', 'bench/playwright.bench.config.ts'], { stdio: 'inherit' });
if (windowRun.status !== 0) console.log('(the window figures could not be taken: see above; they are left out of bench/results.json)');

console.log('\n=== figures against their targets (side by side, interleaved; each file in a process of its own)');
spawnSync('npx', ['vitest', 'run', '--config', 'bench/figures.vitest.config.mts'], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--expose-gc' } });

// Every figure file left its figures in bench/.figures/: one table, and bench/results.json. Files in this
// order, any other after them; a file of this list that left nothing is named.
const ORDER = ['client-overhead', 'http-overhead', 'bridge-overhead', 'bridge-disk-history', 'heap', 'cli-lookup', 'renderer-size', 'batch-limit', 'batch-unthrottled', 'cli-batch', 'window'];
const left = existsSync('bench/.figures') ? readdirSync('bench/.figures').filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)) : [];
for (const name of ORDER) if (!left.includes(name)) console.log(`(no figures from ${name}: see above)`);
const place = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
const figures = left
  .sort((a, b) => place(a) - place(b) || a.localeCompare(b))
  .flatMap((name) => JSON.parse(readFileSync(join('bench/.figures', `${name}.json`), 'utf8')));
rmSync('bench/.figures', { recursive: true, force: true });
writeFileSync('bench/results.json', `${JSON.stringify(figures, null, 2)}\n`);
const rows = figures.map((f) => `${f.met === null ? 'info' : f.met ? 'met ' : 'MISS'}  ${f.name.padEnd(44)} ${String(f.value).padStart(10)} ${f.unit.padEnd(8)} target ${f.target}`);
console.log(`\n${rows.join('\n')}\n(written to bench/results.json)`);
