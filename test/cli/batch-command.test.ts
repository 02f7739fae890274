/**
 * `batch` in process, where the test decides when answers arrive: refusals that arrive together. (As a
 * process, cli-batch.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { batchCommand } from '../../src/cli/batch';
import { errorLine } from '../../src/cli/output';
import type { FetchLike } from '../../src/main/adapty/client';
import { useLocalAdapty } from '../helpers/local-adapty';

const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i + 1}`);

describe('batch, refusals arriving together', () => {
  const local = useLocalAdapty();

  it('the last line names the row that stopped the batch (the one the rows left quote), not the first refused in the file', async () => {
    // Node's fetch over the local server, each answer read whole and held until three are in; then given
    // together (in one task, once all three are awaited), user-3's first: three refusals in hand at once.
    const held = new Map<string, () => void>();
    const fetchHeld: FetchLike = async (url, init) => {
      const answer = await fetch(url, init);
      const text = await answer.text();
      const id = new Headers(init.headers).get('adapty-customer-user-id') ?? '';
      await new Promise<void>((release) => {
        held.set(id, release);
        if (held.size === 3) setTimeout(() => ['user-3', 'user-1', 'user-2'].forEach((first) => held.get(first)?.()));
      });
      return new Response(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    };
    let out = '';
    const { code, error } = await batchCommand(
      { name: 'batch', input: '-', idType: 'customer_user_id', format: 'json', concurrency: 3, verbose: false, json: false },
      { apiKey: 'wrong-key-1234', fetch: fetchHeld, baseUrl: local.server.url },
      { out: (text) => (out += text), err: () => {}, interactive: false, readStdin: async () => users(6).join('\n') },
    );
    const rows = JSON.parse(out) as { id: string; status: string; message: string | null; request_id: string | null }[];
    expect(rows.slice(0, 3).map((row) => row.status)).toEqual(['unauthorized', 'unauthorized', 'unauthorized']);
    const stopper = rows[2];
    expect(code).toBe(3);
    expect(error && errorLine(error)).toMatch(/^error: unauthorized \(HTTP 401, error_code \w+\): The batch stopped at "user-3": Adapty did not accept the API key/);
    expect(error?.requestId).toBe(stopper?.request_id);
    expect(stopper?.request_id).toBeTruthy();
    expect(rows.slice(3).every((row) => row.status === 'cancelled' && row.message?.startsWith('Not looked up: the batch stopped at "user-3": '))).toBe(true);
  });
});
