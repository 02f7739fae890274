import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
    // Less to parse at start-up: the window should be usable at once.
    build: { minify: true },
  },
});
