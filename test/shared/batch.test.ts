import { describe, expect, it } from 'vitest';
import { batchIds, failuresByKind, linesOf, pendingRow, rowOutcome, type BatchRow } from '../../src/shared/batch';
import { lookupError } from '../../src/shared/errors';

const UUID = '5A3F7E2B-8C4D-4F6A-B1E9-2D7C0F5A9B3E';

describe('the IDs of a batch', () => {
  it('are trimmed as a pasted ID is, blank lines skipped, each once, in the order first seen', () => {
    const lines = linesOf(' user-2 \r\n"user-1"\n\n\u200buser-2\r  \nuser-3\ruser-1');
    expect(batchIds(lines, 'customer_user_id')).toEqual({ ids: ['user-2', 'user-1', 'user-3'], duplicates: 2, blank: 2 });
  });

  it('a profile ID in another case is the same profile; a customer user ID differs by case', () => {
    expect(batchIds([UUID, UUID.toLowerCase()], 'profile_id').ids).toEqual([UUID]);
    expect(batchIds([UUID, UUID.toLowerCase()], 'auto').ids).toEqual([UUID]);
    expect(batchIds([UUID, UUID.toLowerCase()], 'customer_user_id').ids).toHaveLength(2);
    expect(batchIds(['Ann', 'ann'], 'auto').ids).toEqual(['Ann', 'ann']);
  });
});

describe('failures by kind', () => {
  const failed = (id: string, kind: Parameters<typeof lookupError>[0]): BatchRow => ({ ...pendingRow(id), status: kind === 'cancelled' ? 'cancelled' : 'failed', error: lookupError(kind, 'x') });
  const done: BatchRow = { ...pendingRow('ok'), status: 'ok' };

  it('counts each kind, most first, and leaves out rows that succeeded or are still to run', () => {
    const rows = [done, failed('a', 'timeout'), failed('b', 'not_found'), failed('c', 'not_found'), failed('d', 'cancelled'), pendingRow('e')];
    expect(failuresByKind(rows)).toEqual([
      ['not_found', 2],
      ['timeout', 1],
      ['cancelled', 1],
    ]);
    expect(rows.map(rowOutcome)).toEqual(['ok', 'timeout', 'not_found', 'not_found', 'cancelled', 'pending']);
  });
});
