/**
 * A server of a test's own on 127.0.0.1, answering as `answer` does, with the active connection moved to
 * it through the settings as a person would (the spec says `keyMoveAnswer: 'move'`, so the key follows).
 * For answers the local Adapty does not give. `close` stops it.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InspectorPage } from './inspector-page';

export async function answerElsewhere(inspector: InspectorPage, answer: RequestListener): Promise<{ close(): Promise<void> }> {
  const server = createServer(answer);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const close = () => new Promise<void>((closed) => server.close(() => closed()));
  try {
    await inspector.openSettings();
    await inspector.setBaseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await inspector.page.keyboard.press('Escape');
  } catch (error) {
    await close();
    throw error;
  }
  return { close };
}
