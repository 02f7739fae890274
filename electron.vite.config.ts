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

export default defineConfig({
  main: {
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
