/**
 * A server on 127.0.0.1 that answers what no well-behaved server would: each
 * test sets the answer as raw bytes written to the socket, so status lines,
 * headers and bodies can be anything (huge, endless, slow, malformed).
 */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export type RawAnswer = (socket: Socket, request: string) => void | Promise<void>;

export interface HostileServer {
  url: string;
  /** What the next requests get. */
  answer: RawAnswer;
  /** Bytes written to clients since the last reset. */
  bytesSent: number;
  /** How many connections have arrived since the last reset. */
  connections: number;
  reset(): void;
}

/** The head of an HTTP/1.1 answer: status line and header lines, then the blank line. */
export function head(status: string, headers: Record<string, string> = {}): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** A complete JSON answer. */
export function json(status: string, body: unknown, headers: Record<string, string> = {}): RawAnswer {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (socket) => {
    socket.end(head(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), Connection: 'close', ...headers }) + text);
  };
}

/** Writes chunks until the client goes away, waiting for the socket to drain (the server's memory stays flat). */
export function endless(status: string, chunk: Buffer): RawAnswer {
  return async (socket) => {
    socket.write(head(status, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', Connection: 'close' }));
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    while (!socket.destroyed && socket.writable) {
      if (!socket.write(frame)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
    }
  };
}

export function useHostileServer(): HostileServer {
  const sockets = new Set<Socket>();
  const state: HostileServer = {
    url: '',
    answer: json('200 OK', {}),
    bytesSent: 0,
    connections: 0,
    reset() {
      state.bytesSent = 0;
      state.connections = 0;
    },
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    state.connections += 1;
    socket.on('close', () => {
      sockets.delete(socket);
      state.bytesSent += socket.bytesWritten;
    });
    socket.on('error', () => undefined);
    let request = '';
    let answered = false;
    socket.on('data', (data) => {
      request += data.toString('latin1');
      if (answered || !request.includes('\r\n\r\n')) return;
      answered = true;
      void Promise.resolve(state.answer(socket, request)).catch(() => socket.destroy());
    });
  });
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => server.close(() => done()));
  });
  return state;
}
