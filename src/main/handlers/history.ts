/** Handlers for the history of lookups: read it, clear it, turn it on or off. Lookups are recorded by the lookup handler. */
import type { Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { HistoryStore } from '../history/history-store';

export function historyHandlers(history: HistoryStore): Pick<Handlers, 'getHistory' | 'clearHistory' | 'setHistoryEnabled'> {
  return {
    getHistory: async () => ok(await history.get()),
    clearHistory: () => history.clear(),
    setHistoryEnabled: ({ enabled }) => history.setEnabled(enabled),
  };
}
