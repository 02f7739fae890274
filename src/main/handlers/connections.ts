/**
 * Handlers for the list of connections: add, rename (and recolour), remove,
 * switch. Each answers the whole list. Removing a connection deletes its key
 * from the keychain first: if that fails, the connection stays, so no key is
 * left behind without a connection to remove it from.
 */
import { randomUUID } from 'node:crypto';
import { checkConnectionName, MAX_CONNECTIONS, type Connections } from '../../shared/connections';
import type { Handlers } from '../../shared/contract';
import { lookupError, type AppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { gone } from '../settings/settings-store';
import type { HandlerDeps } from './deps';

type ConnectionHandlers = Pick<Handlers, 'addConnection' | 'updateConnection' | 'removeConnection' | 'switchConnection'>;

function named(raw: string, all: Connections, except?: string): Result<string, AppError> {
  const name = checkConnectionName(raw, all.connections.filter(({ id }) => id !== except));
  return name.ok ? name : fail(lookupError('invalid_input', name.error.message, { field: 'name' }));
}

function has(all: Connections, id: string): boolean {
  return all.connections.some((connection) => connection.id === id);
}

export function connectionHandlers({ settings, keys }: HandlerDeps): ConnectionHandlers {
  return {
    /** A new connection with Adapty's address and the default timeout; it becomes the active one. */
    addConnection: ({ name, colour }) =>
      settings.change((all) => {
        if (all.connections.length >= MAX_CONNECTIONS) {
          return fail(lookupError('invalid_input', `The app holds at most ${MAX_CONNECTIONS} connections. Remove one first.`, { field: 'name' }));
        }
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
      if (!has(all, id)) return fail(gone());
      if (all.connections.length === 1) {
        return fail(lookupError('invalid_input', 'This is the only connection, so it cannot be removed. Add another one first.', { field: 'name' }));
      }
      const removed = await keys.remove(id);
      if (!removed.ok) return removed;
      return settings.change((now) => {
        const left = now.connections.filter((each) => each.id !== id);
        if (left.length === 0) return fail(gone());
        return ok({ active: now.active === id ? left[0]!.id : now.active, connections: left });
      });
    },

    switchConnection: ({ id }) => settings.change((all) => (has(all, id) ? ok({ ...all, active: id }) : fail(gone()))),
  };
}
