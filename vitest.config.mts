import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 15_000,
    hookTimeout: 20_000,
    // The soak test measures the heap after a garbage collection (test/main/soak.test.ts).
    execArgv: ['--expose-gc'],
  },
});
