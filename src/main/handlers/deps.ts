import type { FetchLike } from '../adapty/client';
import type { DeepLinkInbox } from '../deep-links';
import type { DemoServer } from '../demo';
import type { HistoryStore } from '../history/history-store';
import type { KeyRing } from '../secrets/key-ring';
import type { SettingsStore } from '../settings/settings-store';

/** What the handlers are built from. */
export interface HandlerDeps {
  /** The key of each connection. */
  keys: KeyRing;
  /** Where lookups are recorded (history.json in the app); kept in memory when left out. */
  history?: HistoryStore;
  /** Links from the OS for the window to take; none when left out (the CLI, most tests). */
  deepLinks?: DeepLinkInbox;
  /** Demo mode's local server; without it, "Try with demo data" says it is not available. */
  demo?: DemoServer;
  settings: SettingsStore;
  /** In the app, Chromium's network stack via net.request (system proxy and certificates); Node's in tests. */
  fetch: FetchLike;
  /**
   * Asks the person, in a dialog main shows (never the page), whether the key saved for `from` may be
   * sent to `to` from now on. Without it (the CLI, tests) the answer is no.
   */
  confirmKeyMove?: (change: { from: string; to: string }) => Promise<boolean>;
  /** Main's open dialog for a file of IDs (.csv, .txt): its path, or null when cancelled. Without it, opening a file is not available. */
  chooseIdFile?: () => Promise<string | null>;
  /** Main's save dialog for a batch's rows: the path chosen, or null when cancelled. Without it, exporting is not available. */
  chooseExportPath?: (suggested: { fileName: string; format: 'csv' | 'json' }) => Promise<string | null>;
  /** Tells the window the batch changed (called at most ~10 times a second). */
  onBatchChanged?: () => void;
  /** Requests in flight at most during a batch (DEFAULT_BATCH_CONCURRENCY when left out). */
  batchConcurrency?: number;
}
