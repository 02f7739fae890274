/**
 * Runs the built main process (`out/main/index.js`, what Electron loads) in
 * this Node process, with `require('electron')` answered by a double. Each
 * call loads the bundle afresh, as a new launch of the app would. The bundle
 * loads everything else (keytar included) the way it does in Electron.
 */
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '../..');
export const BUILT_MAIN = resolve(ROOT, 'out/main/index.js');
export const BUILT_PRELOAD = resolve(ROOT, 'out/preload/index.js');
export const BUILT_RENDERER = resolve(ROOT, 'out/renderer');
/** The page the built main loads, as Electron reports its URL. */
export const BUILT_PAGE_URL = pathToFileURL(join(BUILT_RENDERER, 'index.html')).href;

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

let current: object | null = null;
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  const original = loader._load;
  loader._load = function load(this: unknown, request, parent, isMain) {
    if (request === 'electron') {
      if (!current) throw new Error('require("electron") outside a test that loaded the built main with an Electron double');
      return current;
    }
    return original.call(this, request, parent, isMain);
  };
}

/** Loads the built main with `electron` as the given module; the previous load is forgotten. */
export function loadBuiltMain(electron: object, mainFile = BUILT_MAIN): void {
  hook();
  current = electron;
  const load = createRequire(mainFile);
  const folder = dirname(mainFile);
  for (const cached of Object.keys(load.cache)) {
    if (cached.startsWith(folder)) delete load.cache[cached];
  }
  load(mainFile);
}
