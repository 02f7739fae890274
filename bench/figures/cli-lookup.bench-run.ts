/** The CLI, one lookup as a whole process (start, lookup, print, exit), vs `node -e ''`. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'vitest';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { figuresOf, median, ROOT, round, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

test('the CLI, one lookup as a whole process, vs node -e ""', async () => {
  // Not spawnSync: the local server answering the CLI runs in this process's event loop.
  const run = promisify(execFile);
  const env = { ...process.env, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
  const cli = ['out/main/cli.js', 'lookup', '--customer-user-id', 'all-set', '--json', '--base-url', local().url];
  const times = { cli: [] as number[], node: [] as number[] };
  for (let i = 0; i < 20; i++) {
    for (const [side, args] of [['node', ['-e', '']], ['cli', cli]] as const) {
      const start = performance.now();
      await run(process.execPath, [...args], { cwd: ROOT, env });
      times[side].push(performance.now() - start);
    }
  }
  record('CLI one lookup vs node -e "" (median, ratio)', round(median(times.cli) / median(times.node), 2), '×', { atMost: 1.5 });
  console.log(`CLI ${median(times.cli).toFixed(0)} ms vs node -e '' ${median(times.node).toFixed(0)} ms`);
});

