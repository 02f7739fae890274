/**
 * `npm start` / `npm run dev` (scripts/start.mjs) in a throwaway project whose
 * node_modules holds a stand-in electron package (its installer) and
 * electron-vite (its bin), so each case runs the real script as a process
 * without downloading anything.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';

const START = resolve(__dirname, '../../scripts/start.mjs');
const BINARY = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';

const tempDir = useTempDirs('start-script-');
let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** A project with start.mjs, an electron package whose installer does `installer`, and an electron-vite that records its arguments. */
function setUp(installer: string): void {
  mkdirSync(join(root, 'scripts'), { recursive: true });
  copyFileSync(START, join(root, 'scripts/start.mjs'));
  const electron = join(root, 'node_modules/electron');
  write(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }));
  write(join(electron, 'install.js'), `require('fs').writeFileSync(${JSON.stringify(join(root, 'installer-ran'))}, '');\n${installer}`);
  const vite = join(root, 'node_modules/electron-vite');
  write(join(vite, 'package.json'), JSON.stringify({ name: 'electron-vite', version: '6.0.0' }));
  write(join(vite, 'bin/electron-vite.js'), `require('fs').writeFileSync(${JSON.stringify(join(root, 'vite-args'))}, JSON.stringify(process.argv.slice(2)));\n`);
}

/** What electron's real installer does when the download works: the binary, and path.txt naming it. */
const INSTALLS = `
const fs = require('fs'), path = require('path');
const binary = path.join(__dirname, 'dist', ${JSON.stringify(BINARY)});
fs.mkdirSync(path.dirname(binary), { recursive: true });
fs.writeFileSync(binary, '');
fs.writeFileSync(path.join(__dirname, 'path.txt'), ${JSON.stringify(BINARY)});
`;

/** What it does when the download host cannot be reached: a stack trace on stderr and exit 1. */
const CANNOT_DOWNLOAD = `
const error = new TypeError('fetch failed');
console.error(error.stack);
process.exit(1);
`;

function start(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/start.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const viteArgs = () => JSON.parse(readFileSync(join(root, 'vite-args'), 'utf8')) as string[];

beforeEach(async () => {
  root = await tempDir();
});

describe('npm start when the Electron binary is missing', () => {
  it('fetches it with electron\'s own installer, then builds and opens the app', () => {
    setUp(INSTALLS);
    const run = start('preview');
    expect(run.status).toBe(0);
    expect(existsSync(join(root, 'installer-ran'))).toBe(true);
    expect(viteArgs()).toEqual(['preview']);
  });

  it('when the download cannot happen: one line saying what failed and what to run, no stack trace, exit 1', () => {
    setUp(CANNOT_DOWNLOAD);
    const run = start('preview');
    expect(run.status).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm start: could not download Electron 45\.5\.0's binary \(TypeError: fetch failed\)\./);
    expect(lines[0]).toContain('npx install-electron');
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(root, 'vite-args'))).toBe(false);
  });

  it('npm run dev says so in its own name', () => {
    setUp(CANNOT_DOWNLOAD);
    const run = start('dev');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^npm run dev: could not download/);
  });
});

describe('npm start when the binary is there', () => {
  it('does not download again, and passes the mode to electron-vite', () => {
    setUp(INSTALLS);
    const electron = join(root, 'node_modules/electron');
    write(join(electron, 'dist', BINARY), '');
    writeFileSync(join(electron, 'path.txt'), BINARY);
    chmodSync(join(electron, 'dist', BINARY), 0o755);
    expect(start('dev').status).toBe(0);
    expect(existsSync(join(root, 'installer-ran'))).toBe(false);
    expect(viteArgs()).toEqual(['dev']);
  });
});

it('refuses an unknown mode with usage', () => {
  setUp(INSTALLS);
  const run = start('launch');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('usage: node scripts/start.mjs preview|dev');
});
