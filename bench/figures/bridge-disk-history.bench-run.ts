/**
 * Bridge overhead as the app runs it: the same lookups through dispatch, with the history on disk
 * (history.json of 200 entries, replaced atomically). The answer does not wait for the write, but the writes share the process.
 */
import { test } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { median } from '../figure';
import { bareLookup, bridgeLookup, figuresOf, sideBySide, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

test('bridge overhead with the history on disk: lookups through dispatch vs bare fetch', async () => {
  const viaBridge = await bridgeLookup(local().url, 'disk');
  const times = await sideBySide(bareLookup(`${local().url}${IDENTIFIERS_PATH}`), viaBridge);
  record('bridge overhead, history on disk as in the app (median per request, ratio)', median(times.b) / median(times.a), '×', { atMost: 1.2 }, 2);
  console.log(`bridge with history on disk ${median(times.b).toFixed(3)} ms vs bare ${median(times.a).toFixed(3)} ms per request`);
});
