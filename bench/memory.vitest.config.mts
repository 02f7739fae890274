import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['bench/memory.bench-run.ts'], testTimeout: 120_000 } });
