/**
 * The renderer's side of the bridge: `window.api` (one function per channel,
 * exposed by the preload) with every answer checked against the contract.
 * A broken bridge or an answer outside the contract becomes error data.
 */
import { contract, type Request, type Response } from '../../shared/contract';
import type { Method } from '../../shared/channels';

function broken(message: string) {
  return { ok: false as const, error: { kind: 'internal' as const, message } };
}

export async function call<M extends Method>(method: M, ...request: Request<M> extends undefined ? [] : [Request<M>]): Promise<Response<M>> {
  let raw: unknown;
  try {
    const fn = window.api?.[method] as ((payload?: unknown) => Promise<unknown>) | undefined;
    if (!fn) return broken('The app\'s bridge to its main process is missing. Restart the app.') as Response<M>;
    raw = await fn(request[0]);
  } catch {
    return broken('The app could not reach its main process. Try again, or restart the app.') as Response<M>;
  }
  const parsed = contract[method].response.safeParse(raw);
  if (!parsed.success) return broken('The app received an answer it cannot read. Try again, or restart the app.') as Response<M>;
  return parsed.data as Response<M>;
}
