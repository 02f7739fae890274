import { defineConfig } from 'vitest/config';

/**
 * The keychain-stall test stops the keyring daemon of its D-Bus session with SIGSTOP, so it runs on
 * its own, in a keychain session of its own (npm test: scripts/with-keychain.sh npx vitest run --config
 * vitest.stall.config.mts), never beside the other keychain tests.
 */
export default defineConfig({
  test: {
    include: ['test/keychain-stall/**/*.stall.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 20_000,
  },
});
