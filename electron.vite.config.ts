import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build, normalizePath, type Plugin, type ResolvedConfig } from 'vite';

/**
 * The built page needs no connections at all: its CSP gets `connect-src 'none'`. (The dev server's
 * hot reload needs a websocket, so index.html itself says 'self'.) A file:// page's 'self' would match
 * every local file, so 'none' is what keeps a compromised page from reading them.
 */
function productionCsp(): Plugin {
  const DEV = "connect-src 'self'";
  return {
    name: 'adapty-inspector:production-csp',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes(DEV)) throw new Error(`index.html's CSP no longer has "${DEV}": update productionCsp in electron.vite.config.ts`);
      return html.replace(DEV, "connect-src 'none'");
    },
  };
}

/** out/main/cli.js is package.json's `bin`: it must be executable (`npx adapty-inspector`), and a build writes it anew. */
function executableCli(): Plugin {
  return {
    name: 'adapty-inspector:executable-cli',
    apply: 'build',
    writeBundle(options) {
      const cli = resolve(options.dir ?? resolve(__dirname, 'out/main'), 'cli.js');
      if (existsSync(cli)) chmodSync(cli, 0o755);
    },
  };
}

const CLI_ENTRY = resolve(__dirname, 'src/cli/index.ts');

/**
 * The CLI's own files: out/main/cli.js holds all a lookup runs; what only other commands (or an unusual
 * answer) need stays in chunks of its own, loaded when they run. Built with the main build's settings.
 * (Built with the main process, it started by loading the chunks the two share: 3 files where 1 does.)
 */
async function buildCli(main: ResolvedConfig): Promise<{ files: { fileName: string; source: string | Uint8Array }[]; moduleIds: string[] }> {
  // What the entry imports statically, transitively: grouped with the entry module itself, it all lands in cli.js.
  const lookupPath = new Set<string>();
  const built = await build({
    configFile: false,
    root: main.root,
    mode: main.mode,
    logLevel: 'warn',
    publicDir: false,
    define: main.define,
    ssr: { noExternal: true },
    plugins: [
      {
        name: 'adapty-inspector:cli-lookup-path',
        buildEnd() {
          const visit = (id: string) => {
            const info = this.getModuleInfo(id);
            if (lookupPath.has(id) || !info) return;
            lookupPath.add(id);
            info.importedIds.forEach(visit);
          };
          // Module IDs are written with forward slashes on every system (resolve gives backslashes on Windows).
          visit(normalizePath(CLI_ENTRY));
        },
      },
    ],
    build: {
      ssr: true,
      write: false,
      target: main.build.target,
      minify: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { cli: CLI_ENTRY },
        external: main.build.rolldownOptions.external,
        output: {
          format: 'cjs',
          entryFileNames: '[name].js',
          // Named apart from the main process's chunks (a chunk may hold the same modules in both).
          chunkFileNames: 'chunks/cli-[name]-[hash].js',
          codeSplitting: { groups: [{ name: 'cli', test: (id) => lookupPath.has(id) }] },
        },
      },
    },
  });
  const [output] = Array.isArray(built) ? built : [built];
  if (!output || !('output' in output)) throw new Error('The CLI build gave no files.');
  const entry = output.output.find((file) => file.type === 'chunk' && file.isEntry);
  const chunksAtStart = entry?.type === 'chunk' ? entry.imports.filter((name) => output.output.some(({ fileName }) => fileName === name)) : [];
  // The grouping is what keeps a lookup to one file: a bundler that stops honouring it fails the build, not the CLI's start.
  if (entry?.fileName !== 'cli.js' || chunksAtStart.length > 0) {
    throw new Error(`out/main/cli.js should load no chunk at start, but it loads ${chunksAtStart.join(', ') || '(there is no cli.js)'}.`);
  }
  return {
    files: output.output.map((file) => ({ fileName: file.fileName, source: file.type === 'chunk' ? file.code : file.source })),
    moduleIds: output.output.flatMap((file) => (file.type === 'chunk' ? file.moduleIds.filter((id) => !id.startsWith('\0')) : [])),
  };
}

/**
 * out/main/cli.js and its chunks from buildCli, in place of those the main build makes of the same entry. The
 * main build keeps the CLI as an entry, so its own chunks (the main process's) are exactly what they were.
 */
function isolatedCli(): Plugin {
  let main: ResolvedConfig;
  let cli: Awaited<ReturnType<typeof buildCli>>;
  return {
    name: 'adapty-inspector:isolated-cli',
    apply: 'build',
    configResolved(config) {
      main = config;
    },
    async buildStart() {
      cli = await buildCli(main);
      // electron-vite dev: a change to any module of the CLI rebuilds it.
      for (const id of cli.moduleIds) this.addWatchFile(id);
    },
    generateBundle(_, bundle) {
      // Everything the main process's entry loads, now or later, stays; the rest is the CLI's, replaced.
      const kept = new Set<string>();
      const keep = (fileName: string) => {
        const file = bundle[fileName];
        if (kept.has(fileName) || file?.type !== 'chunk') return;
        kept.add(fileName);
        [...file.imports, ...file.dynamicImports].forEach(keep);
      };
      keep('index.js');
      if (kept.size === 0) throw new Error('The main build has no index.js.');
      for (const [fileName, file] of Object.entries(bundle)) if (file.type === 'chunk' && !kept.has(fileName)) delete bundle[fileName];
      for (const { fileName, source } of cli.files) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [isolatedCli(), executableCli()],
    build: {
      // The CLI shares the main process's client and local server. It stays an entry here so that the main
      // process's chunks are what they are with it; its files are built on their own (isolatedCli).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require packages: bundle everything but electron.
    build: { externalizeDeps: false },
  },
  renderer: {
    plugins: [react(), productionCsp()],
    // Less to parse at start-up: the window should be usable at once.
    build: { minify: true },
  },
});
