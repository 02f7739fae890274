/**
 * One secret key per connection, each in its own keychain item, each with its
 * own ApiKeyService (session key, cache, binding to an origin). The first
 * connection keeps the item every earlier version used (`secret-api-key`), so
 * an upgrade moves nothing and loses nothing; any other connection's item is
 * `connection:<id>`. All items share one keychain queue (keytar-store.ts).
 */
import { FIRST_CONNECTION_ID } from '../../shared/connections';
import { createApiKeyService, type ApiKeyService } from './api-key';
import { KEYCHAIN_ACCOUNT, type SecretStore } from './secret-store';

export interface KeyRing {
  /**
   * The key of one connection: the same service every time for the same id, kept after its key is
   * removed (a removal that cannot be finished is undone through it).
   */
  of(connectionId: string): ApiKeyService;
}

/** The keychain account (item) of a connection's key. */
export function accountOf(connectionId: string): string {
  return connectionId === FIRST_CONNECTION_ID ? KEYCHAIN_ACCOUNT : `connection:${connectionId}`;
}

/** `storeFor` gives the store of one keychain item; it is asked once per account. */
export function createKeyRing(storeFor: (account: string) => SecretStore): KeyRing {
  const services = new Map<string, ApiKeyService>();
  function of(connectionId: string): ApiKeyService {
    let service = services.get(connectionId);
    if (!service) {
      service = createApiKeyService(storeFor(accountOf(connectionId)));
      services.set(connectionId, service);
    }
    return service;
  }
  return { of };
}
