/**
 * The one way a message from the renderer reaches a handler: the sender is
 * checked, the request validated against the contract, the handler's answer
 * validated too, and any exception turned into data (its text stays in main).
 * Electron's ipcMain and the e2e harness both call `dispatch`.
 *
 * The contract's schemas are compiled (z.compile: a parser generated for each schema, with the same
 * result as zod's own), each method's COMPILE_AFTER_MS after its first message: checking a lookup's
 * answer with zod's general parser cost a few microseconds in a tight loop but 8 to 13 µs between network
 * events, about a tenth of main's whole overhead on a near server; compiled, about 1 µs. Compiling takes
 * 2 to 4 ms a method: done once the window's first messages at start (and the keychain and file reads
 * they wait on) are answered, it is in the way of none of them.
 */
import { z } from 'zod';
import type { Method } from '../../shared/channels';
import { contract, type Handlers } from '../../shared/contract';
import type { AppFailure } from '../../shared/errors';
import { fail } from '../../shared/result';

export async function dispatch(handlers: Handlers, method: Method, payload: unknown, trusted: boolean): Promise<unknown> {
  if (!trusted) return refuse('bad_request', 'This message did not come from the app\'s own window and was ignored.');
  // Own keys only: "constructor" or "__proto__" from the page must not reach a prototype.
  if (typeof method !== 'string' || !Object.hasOwn(contract, method)) return refuse('bad_request', 'Unknown request.');
  const spec = compiled(method);
  const request = spec.request.safeParse(payload);
  if (!request.success) {
    const issue = request.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    return refuse('bad_request', `The app sent a malformed ${method} request${where}: ${issue?.message ?? 'invalid'}.`);
  }
  let checked: { success: true; data: unknown } | { success: false };
  try {
    const response = await (handlers[method] as (request: unknown) => Promise<unknown>)(request.data);
    // Checking an answer can throw too (a value nested deeper than the stack): inside the try.
    checked = spec.response.safeParse(response);
  } catch (error) {
    // Only the error's name is logged: its text could hold anything.
    console.error(`${method} failed in main: ${error instanceof Error ? error.name : typeof error}`);
    return refuse('internal', 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.');
  }
  if (!checked.success) {
    console.error(`${method} produced an answer outside the contract`);
    return refuse('internal', 'The app produced an answer it cannot show. Try again; if it keeps happening, restart the app.');
  }
  return checked.data;
}

type Spec = { request: z.ZodType; response: z.ZodType };

/** How long after a method's first message its schemas are compiled: once the start-up's messages are answered. */
const COMPILE_AFTER_MS = 250;

/** Each method's schemas once compiled; until then, the contract's own. */
const compiledSpecs = new Map<Method, Spec>();
const compiling = new Set<Method>();

function compiled(method: Method): Spec {
  const ready = compiledSpecs.get(method);
  if (ready) return ready;
  if (!compiling.has(method)) {
    compiling.add(method);
    const compile = () => {
      const { request, response } = contract[method];
      compiledSpecs.set(method, { request: z.compile(request), response: z.compile(response) });
    };
    // Unref'd: it never holds a process open.
    setTimeout(compile, COMPILE_AFTER_MS).unref();
  }
  return contract[method];
}

/** Whether a method's messages are now checked by its compiled schemas (for tests). */
export const isCompiled = (method: Method): boolean => compiledSpecs.has(method);

function refuse(kind: AppFailure['kind'], message: string) {
  return fail<AppFailure>({ kind, message });
}
