/**
 * The batch as main holds it, mirrored in the window: main says "changed" (batch:changed), and the window
 * asks for the rows changed since the version it has, piece by piece, so a 10,000-row batch is fetched once
 * and then only what changes. One fetch at a time; a change told during one is fetched right after it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchRow, BatchState } from '../../../../shared/batch';
import { call } from '../../api';

export type BatchView = Omit<BatchState, 'changes' | 'more' | 'version'>;

export function useBatch() {
  const [state, setState] = useState<BatchView | null>(null);
  const [rows, setRows] = useState<readonly BatchRow[]>([]);
  const held = useRef<{ batch: number; since: number; rows: BatchRow[] }>({ batch: 0, since: 0, rows: [] });
  const fetching = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (fetching.current) {
      again.current = true;
      return;
    }
    fetching.current = true;
    try {
      do {
        again.current = false;
        for (;;) {
          const answer = await call('getBatch', { batch: held.current.batch, since: held.current.since });
          if (!answer.ok) break;
          const { changes, more, version, ...view } = answer.value;
          const next = view.batch === held.current.batch ? held.current.rows.slice() : [];
          for (const { index, row } of changes) next[index] = row;
          held.current = { batch: view.batch, since: version, rows: next };
          setRows(next);
          setState(view);
          if (!more) break;
        }
      } while (again.current);
    } finally {
      fetching.current = false;
    }
  }, []);

  useEffect(() => {
    void refresh();
    return window.appEvents?.onBatchChanged(() => void refresh());
  }, [refresh]);

  return { state, rows, refresh };
}
