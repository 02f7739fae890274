/**
 * Demo mode's server: the local Adapty (local-adapty/server.ts) started inside
 * the main process on 127.0.0.1 when the person asks for demo data, and
 * stopped when the demo connection is removed or the app quits. It limits requests as Adapty does
 * (DEMO_RATE_LIMIT), so a batch shows its pace being found.
 */
import { lookupError, type AppError } from '../shared/errors';
import { fail, ok, type Result } from '../shared/result';
import { startLocalAdapty, type LocalAdapty } from './local-adapty/server';

export interface DemoServer {
  /** Starts the server if it is not running; its base URL. */
  start(): Promise<Result<string, AppError>>;
  stop(): Promise<void>;
}

/**
 * The demo's limit, as Adapty has one: a batch in the demo (user-1 … user-500) meets it and shows the
 * pace being found; a single lookup never does.
 */
export const DEMO_RATE_LIMIT = { perSecond: 100, burst: 20 } as const;

export function createDemoServer(): DemoServer {
  let server: Promise<LocalAdapty> | null = null;
  return {
    async start() {
      server ??= startLocalAdapty({ rateLimit: DEMO_RATE_LIMIT, recordRequests: false });
      try {
        return ok((await server).url);
      } catch (error) {
        server = null;
        const why = error instanceof Error ? error.message : String(error);
        return fail(lookupError('network', `The demo server could not start on this computer (${why}). Try again, or restart the app.`));
      }
    },
    async stop() {
      const stopping = server;
      server = null;
      if (stopping) await (await stopping).close();
    },
  };
}
