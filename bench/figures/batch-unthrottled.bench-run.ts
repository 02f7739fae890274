/** A batch of 10,000 IDs on loopback, unthrottled, vs a bare fetch loop at the same concurrency. */
import { test } from 'vitest';
import { createHttpFetch } from '../../src/cli/http-fetch';
import { IDENTIFIERS_PATH, type FetchLike } from '../../src/main/adapty/client';
import { runBatch } from '../../src/main/batch/run-batch';
import { LOCAL_ADAPTY_KEY } from '../../src/main/local-adapty/server';
import { batchCall, figuresOf, nodeFetch, serverProcess, users } from './figures';

const record = figuresOf(__filename);

test('batch unthrottled: 10,000 IDs on loopback vs a bare fetch loop at the same concurrency (16)', async () => {
  const remote = await serverProcess();
  try {
    const ids = users(10_000);
    const target = `${remote.url}${IDENTIFIERS_PATH}`;
    const bareLoop = async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < ids.length) {
            const id = ids[next++] as string;
            const response = await fetch(target, { headers: { Accept: 'application/json', Authorization: `Api-Key ${LOCAL_ADAPTY_KEY}`, 'adapty-customer-user-id': id } });
            JSON.parse(await response.text());
          }
        }),
      );
    };
    const batchOver = (fetchWith: FetchLike) => async () => {
      const { rows } = await runBatch({ ids, idType: 'customer_user_id', maxConcurrency: 16, call: batchCall(remote.url, fetchWith) }).done;
      if (rows.some((row) => row.status !== 'ok')) throw new Error('a row failed');
    };
    // The batch over Node's fetch (the same transport as the loop), and over node:http, as the CLI ships it.
    const sides = { bare: bareLoop, batch: batchOver(nodeFetch), cli: batchOver(createHttpFetch()) };
    // Warm each, then time them in turn, twice each, and keep each one's best.
    const best = { bare: Infinity, batch: Infinity, cli: Infinity };
    for (const run of Object.values(sides)) await run();
    for (let i = 0; i < 2; i++) {
      for (const [side, run] of Object.entries(sides) as [keyof typeof sides, () => Promise<void>][]) {
        const start = performance.now();
        await run();
        best[side] = Math.min(best[side], performance.now() - start);
      }
    }
    record('batch unthrottled over Node fetch: throughput vs bare fetch loop (ratio)', best.bare / best.batch, '×', { atLeast: 0.8 }, 2);
    record("batch unthrottled over node:http, as the CLI runs it: throughput vs bare fetch loop (ratio)", best.bare / best.cli, '×', { atLeast: 0.8 }, 2);
    const perSecond = (ms: number) => Math.round(10_000_000 / ms);
    console.log(`10,000 IDs: batch over fetch ${(best.batch / 1000).toFixed(2)} s (${perSecond(best.batch)}/s), over node:http ${(best.cli / 1000).toFixed(2)} s (${perSecond(best.cli)}/s), bare fetch loop ${(best.bare / 1000).toFixed(2)} s (${perSecond(best.bare)}/s)`);
  } finally {
    remote.stop();
  }
});

