import { chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

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

export default defineConfig({
  main: {
    plugins: [executableCli()],
    build: {
      // The CLI shares the main process's client and local server, and is built beside it.
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
