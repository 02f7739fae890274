/** The CLI's batch over 1,000 IDs vs a shell loop of curl over the same file. */
import { execFile } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { figuresOf, ROOT, serverProcess, users } from './figures';

const record = figuresOf(__filename);

test('CLI batch: 1,000 IDs vs a shell loop of curl over the same file', async () => {
  const remote = await serverProcess();
  try {
    const dir = await mkdtemp(join(tmpdir(), 'bench-batch-'));
    const file = join(dir, 'ids.txt');
    await writeFile(file, `${users(1000).join('\n')}\n`);
    const run = promisify(execFile);
    const env = { ...process.env, ADAPTY_API_KEY: LOCAL_ADAPTY_KEY };
    const time = async (command: string, args: string[]) => {
      const start = performance.now();
      await run(command, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
      return performance.now() - start;
    };
    const curlLoop = `while IFS= read -r id; do curl -s -H "Accept: application/json" -H "Authorization: Api-Key $ADAPTY_API_KEY" -H "adapty-customer-user-id: $id" "${remote.url}${IDENTIFIERS_PATH}"; echo; done < "${file}" > /dev/null`;
    const curl = await time('sh', ['-c', curlLoop]);
    const cli = await time(process.execPath, ['out/main/cli.js', 'batch', '--input', file, '--output', join(dir, 'rows.csv'), '--base-url', remote.url]);
    record('CLI batch vs a curl loop, 1,000 IDs (speed-up)', curl / cli, '×', { atLeast: 10 }, 1);
    console.log(`1,000 IDs: CLI batch ${(cli / 1000).toFixed(2)} s, curl loop ${(curl / 1000).toFixed(2)} s`);
  } finally {
    remote.stop();
  }
});
