/**
 * The CLI, one lookup as a whole process (start, lookup, print, exit), vs `node -e ''`. Node's own start
 * depends on the environment: with NODE_EXTRA_CA_CERTS set (as on the development machine and in CI), every
 * node process reads that bundle first, about 40 ms, which flatters the ratio. So the issue's figure is
 * taken in a clean environment (PATH and the key only: no NODE_EXTRA_CA_CERTS, no NODE_OPTIONS), and the
 * same in the environment the bench runs in is given for information only. Beside them, the least any Node
 * program can take for the same lookup: a script of a bare node:http GET that prints the JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { median } from '../figure';
import { figuresOf, ROOT, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

/** Median wall time of each way, run in turn 20 times. Not spawnSync: the local server runs in this process's event loop. */
async function times(ways: Record<string, string[]>, env: NodeJS.ProcessEnv): Promise<Record<string, number>> {
  const run = promisify(execFile);
  const all: Record<string, number[]> = Object.fromEntries(Object.keys(ways).map((way) => [way, []]));
  for (let i = 0; i < 20; i++) {
    for (const [way, args] of Object.entries(ways)) {
      const start = performance.now();
      await run(process.execPath, args, { cwd: ROOT, env });
      all[way]!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(all).map(([way, values]) => [way, median(values)]));
}

test('the CLI, one lookup as a whole process, vs node -e ""', async () => {
  const floor = join(await mkdtemp(join(tmpdir(), 'bench-cli-')), 'bare-lookup.js');
  await writeFile(
    floor,
    `require('node:http').get(${JSON.stringify(`${local().url}${IDENTIFIERS_PATH}`)}, { headers: { Accept: 'application/json', Authorization: 'Api-Key ' + process.env.ADAPTY_API_KEY, 'adapty-customer-user-id': 'all-set' } }, (res) => {
  const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString())) + '\\n'));
});\n`,
  );
  const ways = { node: ['-e', ''], floor: [floor], cli: ['out/main/cli.js', 'lookup', '--customer-user-id', 'all-set', '--json', '--base-url', local().url] };
  // Nothing but these two: a child given this env inherits no NODE_OPTIONS (the bench sets --expose-gc) and no
  // NODE_EXTRA_CA_CERTS (execFile passes `env` as the whole environment).
  const cleanEnv = { PATH: process.env.PATH, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
  const hereEnv = { ...process.env, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
  const clean = await times(ways, cleanEnv);
  const here = await times(ways, hereEnv);
  record('CLI one lookup vs node -e "", clean environment (PATH and the key only) (median, ratio)', clean.cli! / clean.node!, '×', { atMost: 1.5 }, 2);
  record("informational: the same in the bench's own environment (NODE_EXTRA_CA_CERTS slows every node start) (median, ratio)", here.cli! / here.node!, '×', { informational: true }, 2);
  // How far the CLI is from the least any Node program takes for the same lookup (which is itself about 1.5× node -e '').
  record('informational: CLI one lookup vs a bare node:http lookup, clean environment (median, ratio)', clean.cli! / clean.floor!, '×', { informational: true }, 2);
  const line = (t: Record<string, number>) => `CLI ${t.cli!.toFixed(0)} ms, a bare node:http lookup ${t.floor!.toFixed(0)} ms (${(t.floor! / t.node!).toFixed(2)}×), node -e '' ${t.node!.toFixed(0)} ms`;
  const nodeVariables = Object.keys(hereEnv).filter((name) => name.startsWith('NODE_')).join(', ') || 'none';
  console.log(`clean environment: ${line(clean)}\nthe bench's own environment (NODE_ variables: ${nodeVariables}): ${line(here)}`);
});
