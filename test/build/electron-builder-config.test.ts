/**
 * electron-builder.yml, checked by electron-builder itself: it is parsed and
 * validated by the very code `electron-builder` runs at start-up (its js-yaml,
 * its scheme.json, its ajv), then the app is really packaged (`--linux dir`)
 * into a temporary folder to see what ships. Packaging uses a stand-in for
 * Electron's unpacked release (its download host is unreachable here), so it
 * exercises electron-builder's file selection, asar and unpacking, not Electron.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEEP_LINK_SCHEME } from '../../src/shared/deep-link';

const ROOT = resolve(__dirname, '../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string; author?: { name?: string; email?: string } };

// electron-builder's own copies of its internals, resolved the way electron-builder resolves them.
const requireFromBuilder = createRequire(createRequire(__filename).resolve('electron-builder/package.json'));
const requireFromLib = createRequire(requireFromBuilder.resolve('app-builder-lib/package.json'));
const ELECTRON_BUILDER_CLI = requireFromBuilder.resolve('electron-builder/cli.js');
const yaml = requireFromLib('js-yaml') as { load: (text: string) => unknown };
const { validateConfiguration } = requireFromLib('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>;
};
const { DebugLogger } = requireFromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const FpmTarget = (requireFromLib('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends: (target: string) => string[] } } }).default;
const asar = requireFromLib('@electron/asar') as { listPackage: (archive: string, options: object) => string[] };
const { minimatch } = requireFromLib('minimatch') as { minimatch: (path: string, pattern: string, options: object) => boolean };

const config = yaml.load(readFileSync(CONFIG_FILE, 'utf8')) as Configuration;
const validate = (candidate: Configuration) => validateConfiguration(structuredClone(candidate), new DebugLogger(false));

/** A platform's target names, whether written as strings or as { target, arch } entries. */
function targetNames(platform: Configuration['linux'] | Configuration['mac'] | Configuration['win']): string[] {
  const targets = platform?.target;
  const list = Array.isArray(targets) ? targets : targets == null ? [] : [targets];
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.target));
}

const inRoot = (path: string | null | undefined) => join(ROOT, path ?? '');

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation (scheme.json), which rejects a misspelt option", async () => {
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, deb: { ...config.deb, dependz: ['x'] } as Configuration['deb'] })).rejects.toThrow(
      /does not match the API schema[\s\S]*configuration\.deb/,
    );
  });

  it('names the app as package.json does, and builds from out/ into dist/ with resources in build/', () => {
    expect(config.productName).toBe('Adapty Inspector');
    expect(config.productName).toBe(PACKAGE.productName);
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    expect(config.files).toEqual(expect.arrayContaining(['out/**', '!out/**/*.map', 'package.json']));
  });

  it("asks for keytar's native .node to be unpacked from the asar (not only electron-builder's smartUnpack guess)", () => {
    expect(config.asar).toBe(true);
    const unpack = [config.asarUnpack ?? []].flat();
    expect(unpack.some((pattern) => minimatch('node_modules/keytar/build/Release/keytar.node', pattern, { dot: true }))).toBe(true);
  });

  it('registers the adapty-inspector:// scheme of deep links with the installers', () => {
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((protocol) => [protocol.schemes].flat())).toEqual([DEEP_LINK_SCHEME]);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, an NSIS installer on Windows', () => {
    expect(targetNames(config.linux)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.mac)).toEqual(['dmg']);
    expect(targetNames(config.win)).toEqual(['nsis']);
  });

  it("the deb depends on libsecret-1-0 (keytar links it) and keeps electron-builder's default dependencies", () => {
    const depends = config.deb?.depends ?? [];
    expect(depends).toContain('libsecret-1-0');
    expect(depends).toEqual(expect.arrayContaining(FpmTarget.prototype.getDefaultDepends('deb')));
    // The deb's maintainer comes from package.json's author; electron-builder refuses a deb without an email.
    expect(PACKAGE.author?.name).toBeTruthy();
    expect(PACKAGE.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('macOS: hardened runtime with an entitlements file that allows JIT and nothing Electron 12+ does not need', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
    expect(config.mac?.notarize).not.toBe(false);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBe('build/entitlements.mac.plist');
      expect(existsSync(inRoot(file))).toBe(true);
    }
    const keys = [...readFileSync(inRoot(config.mac?.entitlements), 'utf8').matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('the icon is one PNG of at least 512×512 (electron-builder derives the .icns and .ico from it)', () => {
    expect(config.icon).toBe('build/icon.png');
    const png = readFileSync(inRoot(config.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBeGreaterThanOrEqual(512);
    expect(height).toBe(width);
  });
});

/** @electron/fuses' marker in an Electron binary, and the fuse wire Electron 45 ships with (see @electron/fuses' FuseV1Options). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_45_FUSES = '10110001';

describe('what `electron-builder` packages (--linux dir, with a stand-in for Electron)', () => {
  let work: string;
  let appDir: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: run "npm run build" first (npm test does).');
    work = mkdtempSync(join(tmpdir(), 'adapty-inspector-builder-'));
    // electron-builder copies this folder as Electron's unpacked release and renames `electron`.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    // With Electron 45's fuse wire (@electron/fuses' sentinel, version 1, 8 fuses as '0'/'1'), so the fuses can be flipped and read back.
    writeFileSync(join(electronDist, 'electron'), `#!/bin/sh\n${FUSE_SENTINEL}\x01\x08${ELECTRON_45_FUSES}`);
    chmodSync(join(electronDist, 'electron'), 0o755);
    const args = [
      ELECTRON_BUILDER_CLI,
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(work, 'dist')}`,
      // Rebuilding keytar for Electron needs Electron's headers from the network; keytar is N-API anyway.
      '-c.npmRebuild=false',
    ];
    await new Promise<void>((done, fail) => {
      execFile(process.execPath, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
        error ? fail(new Error(`electron-builder failed: ${error.message}\n${stdout}\n${stderr}`)) : done(),
      );
    });
    appDir = join(work, 'dist', 'linux-unpacked', 'resources');
  }, 90_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('app.asar holds the built app, package.json and keytar, nothing else (no sourcemaps, no install-time packages)', () => {
    const outFiles = readdirSync(join(ROOT, 'out'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
      .map((entry) => `/${relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/')}`);
    const files = asar.listPackage(join(appDir, 'app.asar'), {});
    const topLevel = new Set(files.map((path) => path.split('/').slice(0, path.startsWith('/node_modules/') ? 3 : 2).join('/')));
    expect([...topLevel].sort()).toEqual(['/node_modules', '/node_modules/keytar', '/out', '/package.json']);
    expect(files).toEqual(expect.arrayContaining(outFiles));
    expect(files.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('flips the fuses that stop other programs running the app as Node, and leaves file:// privileges on', () => {
    const binary = readFileSync(join(work, 'dist', 'linux-unpacked', 'adapty-inspector'), 'latin1');
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2;
    const wire = binary.slice(at, at + ELECTRON_45_FUSES.length);
    // RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, GrantFileProtocolExtraPrivileges
    expect(wire).toBe('01000101');
  });

  it("keytar's .node is unpacked beside the archive, with the JavaScript that loads it", async () => {
    const unpacked = join(appDir, 'app.asar.unpacked', 'node_modules', 'keytar');
    expect(existsSync(join(unpacked, 'build', 'Release', 'keytar.node'))).toBe(true);
    // Loaded in a child process, so the test's own process never holds a file it is about to delete.
    const probe = `const k = require(${JSON.stringify(join(unpacked, 'lib', 'keytar.js'))}); console.log([k.getPassword, k.setPassword, k.deletePassword].map((f) => typeof f).join())`;
    const stdout = await new Promise<string>((done, fail) => {
      execFile(process.execPath, ['-e', probe], { timeout: 10_000 }, (error, out) => (error ? fail(error) : done(out)));
    });
    expect(stdout.trim()).toBe('function,function,function');
  });
});
