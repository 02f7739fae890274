import type { FetchLike } from '../adapty/client';
import type { ApiKeyService } from '../secrets/api-key';
import type { SettingsStore } from '../settings/settings-store';

/** What the handlers are built from. */
export interface HandlerDeps {
  keys: ApiKeyService;
  settings: SettingsStore;
  /** In the app, Chromium's network stack via net.request (system proxy and certificates); Node's in tests. */
  fetch: FetchLike;
}
