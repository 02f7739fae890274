#!/usr/bin/env node
/**
 * `npm start` (electron-vite preview: build, then open the app) and `npm run dev`
 * (electron-vite dev: hot reload). Since Electron 42 nothing downloads Electron's
 * binary by itself, and electron-vite only reads node_modules/electron/path.txt,
 * so this fetches it first with electron's own installer when it is missing.
 * When that cannot happen, it prints one line saying what failed and what to run,
 * and exits 1: no stack trace. (In a terminal, a "Downloading…" line shows while
 * the download runs; it is erased before anything else is printed.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MODES = ['preview', 'dev'];
const mode = process.argv[2];
if (!MODES.includes(mode)) {
  console.error(`usage: node scripts/start.mjs ${MODES.join('|')}`);
  process.exit(2);
}

const require = createRequire(import.meta.url);

/** In a terminal, a line that says what is going on and is replaced by what comes next. */
const progress = {
  shown: false,
  show(text) {
    if (!process.stdout.isTTY) return;
    process.stdout.write(text);
    this.shown = true;
  },
  clear() {
    if (this.shown) process.stdout.write('\r\x1b[2K');
    this.shown = false;
  },
};

/** Exits with one line on stderr (and nothing else left on the screen). */
function stop(line) {
  progress.clear();
  console.error(`npm ${mode === 'dev' ? 'run dev' : 'start'}: ${line}`);
  process.exit(1);
}

function electronPackage() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return stop('the electron package is not installed. Run "npm install" first.');
  }
}

/** Why the binary is not usable, or null when it is (mirrors node_modules/electron/index.js without calling it). */
function missingBinary(folder) {
  const pathFile = join(folder, 'path.txt');
  if (!existsSync(pathFile)) return 'node_modules/electron/path.txt is missing';
  const relative = readFileSync(pathFile, 'utf8');
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(folder, 'dist', relative);
  return existsSync(binary) ? null : `${binary} is missing`;
}

/** The last meaningful line of the installer's error output: its message, not its stack. */
function reasonFrom(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('at '));
  return (lines.at(-1) ?? 'no details').slice(0, 200);
}

function nodeIsAtLeast(major, minor) {
  const [a, b] = process.versions.node.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function installElectron(folder) {
  const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  progress.show(`Downloading Electron ${version}'s binary (once, about 100 MB)...`);
  const result = spawnSync(process.execPath, [join(folder, 'install.js')], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status === 0 && missingBinary(folder) === null) {
    progress.clear();
    return;
  }
  const reason = result.error ? result.error.message : reasonFrom(result.stderr ?? '');
  const node = nodeIsAtLeast(22, 12) ? '' : ` Electron's installer needs Node.js 22.12 or later (this is ${process.versions.node}).`;
  stop(
    `could not download Electron ${version}'s binary (${reason}).${node} ` +
      'Run "npx install-electron" on a machine that can reach Electron\'s download host (GitHub), ' +
      'or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding Electron; then run this again.',
  );
}

const folder = electronPackage();
if (missingBinary(folder) !== null) installElectron(folder);

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const run = spawnSync(process.execPath, [electronVite, mode, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
