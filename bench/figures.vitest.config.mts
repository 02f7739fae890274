import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['bench/figures.bench-run.ts'], testTimeout: 600_000, hookTimeout: 60_000 } });
