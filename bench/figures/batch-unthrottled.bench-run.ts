/**
 * A batch of 10,000 IDs on loopback, unthrottled, vs a bare loop at the same concurrency over the same
 * transport: the batch over Node's fetch vs a bare fetch loop (the figure), and the batch over
 * node:http, as the CLI runs it, vs a bare node:http keep-alive loop.
 */
import { Agent as HttpAgent } from 'node:http';
import { test } from 'vitest';
import { createHttpFetch } from '../../src/cli/http-fetch';
import { IDENTIFIERS_PATH, type FetchLike } from '../../src/main/adapty/client';
import { runBatch } from '../../src/main/batch/run-batch';
import { bareFetchLookup, bareHttpLookup, batchCall, figuresOf, nodeFetch, serverProcess, users } from './figures';

const record = figuresOf(__filename);
const CONCURRENCY = 16;

test('batch unthrottled: 10,000 IDs on loopback vs a bare loop at the same concurrency (16), over fetch and over node:http', async () => {
  const remote = await serverProcess();
  try {
    const ids = users(10_000);
    const target = `${remote.url}${IDENTIFIERS_PATH}`;
    /** CONCURRENCY workers taking the next ID until none is left, each looking it up with `lookup`. */
    const bareLoop = (lookup: (id: string) => Promise<unknown>) => async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < ids.length) await lookup(ids[next++] as string);
        }),
      );
    };
    const bareFetch = (id: string) => bareFetchLookup(target, id);
    // node:http with a keep-alive agent, as the CLI's transport (src/cli/http-fetch.ts) keeps its connections.
    const agent = new HttpAgent({ keepAlive: true });
    const bareHttp = (id: string) => bareHttpLookup(target, agent, id);
    const batchOver = (fetchWith: FetchLike) => async () => {
      const { rows } = await runBatch({ ids, idType: 'customer_user_id', maxConcurrency: CONCURRENCY, call: batchCall(remote.url, fetchWith) }).done;
      if (rows.some((row) => row.status !== 'ok')) throw new Error('a row failed');
    };
    // The batch over Node's fetch (the window's transport) beside a bare fetch loop; over node:http, as the CLI
    // ships it, beside a bare node:http loop.
    const sides = { bareFetch: bareLoop(bareFetch), batch: batchOver(nodeFetch), bareHttp: bareLoop(bareHttp), cli: batchOver(createHttpFetch()) };
    // Warm each, then time them in turn, twice each, and keep each one's best.
    const best = { bareFetch: Infinity, batch: Infinity, bareHttp: Infinity, cli: Infinity };
    for (const run of Object.values(sides)) await run();
    for (let i = 0; i < 2; i++) {
      for (const [side, run] of Object.entries(sides) as [keyof typeof sides, () => Promise<void>][]) {
        const start = performance.now();
        await run();
        best[side] = Math.min(best[side], performance.now() - start);
      }
    }
    agent.destroy();
    record('batch unthrottled over Node fetch: throughput vs bare fetch loop (ratio)', best.bareFetch / best.batch, '×', { atLeast: 0.8 }, 2);
    record("batch unthrottled over node:http, the CLI's transport: throughput vs bare node:http keep-alive loop (ratio)", best.bareHttp / best.cli, '×', { atLeast: 0.8 }, 2);
    const line = (ms: number) => `${(ms / 1000).toFixed(2)} s (${Math.round(10_000_000 / ms)}/s)`;
    console.log(`10,000 IDs at ${CONCURRENCY}-way: batch over fetch ${line(best.batch)}, bare fetch loop ${line(best.bareFetch)}; batch over node:http ${line(best.cli)}, bare node:http loop ${line(best.bareHttp)}`);
  } finally {
    remote.stop();
  }
});
