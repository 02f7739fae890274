/**
 * Handlers for the list of connections: add, rename (and recolour), remove,
 * switch. Each answers the whole list. Removing a connection deletes its key
 * from the keychain first: if that fails, the connection stays, so no key is
 * left behind without a connection to remove it from. If the list then cannot
 * be saved, the key is put back: a connection is never left without its key.
 */
import { randomUUID } from 'node:crypto';
import { checkConnectionName, MAX_CONNECTIONS, type Connection, type Connections } from '../../shared/connections';
import type { Handlers } from '../../shared/contract';
import { lookupError, type AppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { DEMO_CONNECTION_ID, DEMO_CONNECTION_NAME, DEMO_TIMEOUT_MS } from '../../shared/demo';
import { LOCAL_ADAPTY_KEY } from '../local-adapty/server';
import { gone } from '../settings/settings-store';
import type { HandlerDeps } from './deps';

type ConnectionHandlers = Pick<Handlers, 'addConnection' | 'updateConnection' | 'removeConnection' | 'switchConnection' | 'startDemo'>;

function named(raw: string, all: Connections, except?: string): Result<string, AppError> {
  const name = checkConnectionName(raw, all.connections.filter(({ id }) => id !== except));
  return name.ok ? name : fail(lookupError('invalid_input', name.error.message, { field: 'name' }));
}

/** Refused when the list is full (a new connection would pass MAX_CONNECTIONS). */
function full(connections: readonly unknown[]): Result<never, AppError> | null {
  if (connections.length < MAX_CONNECTIONS) return null;
  return fail(lookupError('invalid_input', `The app holds at most ${MAX_CONNECTIONS} connections. Remove one first.`, { field: 'name' }));
}

function has(all: Connections, id: string): boolean {
  return all.connections.some((connection) => connection.id === id);
}

/** What else must know that a connection is gone (a batch running through it stops). */
export interface ConnectionEvents {
  removed(connection: Connection): void;
}

export function connectionHandlers({ settings, keys, demo }: HandlerDeps, events?: ConnectionEvents): ConnectionHandlers {
  return {
    /** A new connection with Adapty's address and the default timeout; it becomes the active one. */
    addConnection: ({ name, colour }) =>
      settings.change((all) => {
        const refused = full(all.connections);
        if (refused) return refused;
        const checked = named(name, all);
        if (!checked.ok) return checked;
        const id = `c-${randomUUID().slice(0, 8)}`;
        return ok({ active: id, connections: [...all.connections, { id, name: checked.value, colour, ...DEFAULT_SETTINGS }] });
      }),

    updateConnection: ({ id, name, colour }) =>
      settings.change((all) => {
        if (!has(all, id)) return fail(gone());
        const checked = named(name, all, id);
        if (!checked.ok) return checked;
        return ok({ ...all, connections: all.connections.map((each) => (each.id === id ? { ...each, name: checked.value, colour } : each)) });
      }),

    async removeConnection({ id }) {
      const all = await settings.connections();
      const removing = all.connections.find((each) => each.id === id);
      if (!removing) return fail(gone());
      if (all.connections.length === 1) {
        return fail(lookupError('invalid_input', 'This is the only connection, so it cannot be removed. Add another one first.', { field: 'name' }));
      }
      // The keys as they are held (for this session, in the keychain), to put back if the list cannot be saved.
      const key = keys.of(id);
      const held = await key.snapshot();
      if (!held.ok) return held;
      const removed = await key.remove();
      if (!removed.ok) {
        // The keychain refused: its item is as it was, and the session key (forgotten by remove) comes back.
        await key.restore({ ...held.value, keychain: null });
        return removed;
      }
      const changed = await settings.change((now) => {
        const left = now.connections.filter((each) => each.id !== id);
        if (left.length === 0) return fail(gone());
        return ok({ active: now.active === id ? left[0]!.id : now.active, connections: left });
      });
      if (!changed.ok) {
        const restored = await key.restore(held.value);
        if (restored.ok) return changed;
        return fail<AppError>({
          kind: 'internal',
          message: `${changed.error.message} Its key was already deleted from the keychain and could not be put back: save it again in this connection's settings.`,
        });
      }
      // A batch through it stops before its server might: its rows left say why, not "network".
      events?.removed(removing);
      // The demo's server goes with its connection.
      if (id === DEMO_CONNECTION_ID) await demo?.stop();
      return changed;
    },

    /**
     * Demo data: the local sample server on this computer, as a connection of its own (made active), with its
     * key held for this run only. Asked again, it switches back to the demo connection.
     */
    async startDemo() {
      if (!demo) return fail(lookupError('invalid_input', 'Demo data is not available in this build.', { field: 'name' }));
      const started = await demo.start();
      if (!started.ok) return started;
      const origin = new URL(started.value).origin;
      const saved = await keys.of(DEMO_CONNECTION_ID).save(LOCAL_ADAPTY_KEY, { sessionOnly: true, origin });
      if (!saved.ok) return saved;
      return settings.change((all) => {
        const others = all.connections.filter(({ id }) => id !== DEMO_CONNECTION_ID);
        const refused = full(others);
        if (refused) return refused;
        // The name is the demo's own; a connection of the person's with that name keeps it, and the demo says so in its name.
        const taken = others.some(({ name }) => name.toLowerCase() === DEMO_CONNECTION_NAME.toLowerCase());
        const demoConnection = {
          id: DEMO_CONNECTION_ID,
          name: taken ? 'Demo' : DEMO_CONNECTION_NAME,
          colour: 'pink' as const,
          baseUrl: started.value,
          timeoutMs: DEMO_TIMEOUT_MS,
          demo: true as const,
        };
        return ok({ active: DEMO_CONNECTION_ID, connections: [...others, demoConnection] });
      });
    },

    switchConnection: ({ id }) => settings.change((all) => (has(all, id) ? ok({ ...all, active: id }) : fail(gone()))),
  };
}
