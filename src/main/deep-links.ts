/**
 * Links that reach main from the OS (the first launch's command line, a second
 * launch's, or macOS's open-url), held until the window takes them. Each is
 * read at once (shared/deep-link.ts), so the window receives only what to look
 * up, or why the link cannot be opened; never the raw text. No electron import:
 * index.ts wires the events.
 */
import { isDeepLink, parseDeepLink, type DeepLinkOutcome } from '../shared/deep-link';

/** A launch or a slow window should not let links pile up: the newest few are kept. */
const MAX_PENDING = 10;

export interface DeepLinkInbox {
  /** A link from the OS; `onArrival` listeners are told. */
  receive(url: string): void;
  /** The links from a command line (a launch's argv), if it holds any. */
  receiveFromArgv(argv: readonly string[]): boolean;
  /** Everything received and not yet taken, oldest first; the inbox is then empty. */
  take(): DeepLinkOutcome[];
  onArrival(listener: () => void): void;
}

export function createDeepLinkInbox(): DeepLinkInbox {
  let pending: DeepLinkOutcome[] = [];
  const listeners: Array<() => void> = [];
  const inbox: DeepLinkInbox = {
    receive(url) {
      pending = [...pending, parseDeepLink(url)].slice(-MAX_PENDING);
      for (const listener of listeners) listener();
    },
    receiveFromArgv(argv) {
      const links = argv.filter(isDeepLink);
      for (const link of links) inbox.receive(link);
      return links.length > 0;
    },
    take() {
      const taken = pending;
      pending = [];
      return taken;
    },
    onArrival(listener) {
      listeners.push(listener);
    },
  };
  return inbox;
}
