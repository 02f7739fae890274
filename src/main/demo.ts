/**
 * Demo mode's server: the local Adapty (local-adapty/server.ts) started inside
 * the main process on 127.0.0.1 when the person asks for demo data, and
 * stopped when the demo connection is removed or the app quits.
 */
import { lookupError, type AppError } from '../shared/errors';
import { fail, ok, type Result } from '../shared/result';
import { startLocalAdapty, type LocalAdapty } from './local-adapty/server';

export interface DemoServer {
  /** Starts the server if it is not running; its base URL. */
  start(): Promise<Result<string, AppError>>;
  stop(): Promise<void>;
}

export function createDemoServer(): DemoServer {
  let server: Promise<LocalAdapty> | null = null;
  return {
    async start() {
      server ??= startLocalAdapty();
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
