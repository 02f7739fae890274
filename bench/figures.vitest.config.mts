import { defineConfig } from 'vitest/config';

/** `npm run bench`'s figures: each file in a process of its own, one after another (bench/figures/figures.ts). */
export default defineConfig({
  test: { include: ['bench/figures/*.bench-run.ts'], pool: 'forks', isolate: true, fileParallelism: false, testTimeout: 600_000, hookTimeout: 60_000 },
});
