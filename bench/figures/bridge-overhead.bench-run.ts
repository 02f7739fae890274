/** Bridge overhead: lookups through dispatch (validation, handler, a full history in memory, client) vs bare fetch + JSON.parse. */
import { test } from 'vitest';
import { IDENTIFIERS_PATH } from '../../src/main/adapty/client';
import { median } from '../figure';
import { bareLookup, bridgeLookup, figuresOf, sideBySide, useLocalAdapty } from './figures';

const record = figuresOf(__filename);
const local = useLocalAdapty();

test('bridge overhead: lookups through dispatch vs bare fetch', async () => {
  const viaBridge = await bridgeLookup(local().url);
  const times = await sideBySide(bareLookup(`${local().url}${IDENTIFIERS_PATH}`), viaBridge);
  record('bridge overhead (median per request, ratio)', median(times.b) / median(times.a), '×', { atMost: 1.2 }, 2);
  console.log(`bridge ${median(times.b).toFixed(3)} ms vs bare ${median(times.a).toFixed(3)} ms per request`);
});
