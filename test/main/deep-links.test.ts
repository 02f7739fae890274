import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkInbox } from '../../src/main/deep-links';

describe('the deep-link inbox', () => {
  it('holds links from a launch until the window takes them, read and in order, then is empty', () => {
    const inbox = createDeepLinkInbox();
    expect(inbox.receiveFromArgv(['/opt/app', '--no-sandbox', 'adapty-inspector://lookup?customer_user_id=a', 'adapty-inspector://nope'])).toBe(true);
    expect(inbox.take()).toEqual([
      { ok: true, value: { idType: 'customer_user_id', id: 'a' } },
      { ok: false, error: { message: expect.stringContaining('only the "lookup" link') } },
    ]);
    expect(inbox.take()).toEqual([]);
    expect(inbox.receiveFromArgv(['/opt/app', '.'])).toBe(false);
  });

  it('tells listeners of each arrival (main then tells the window)', () => {
    const inbox = createDeepLinkInbox();
    const listener = vi.fn();
    inbox.onArrival(listener);
    inbox.receive('adapty-inspector://lookup?customer_user_id=a');
    inbox.receiveFromArgv(['x', 'adapty-inspector://lookup?customer_user_id=b']);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('keeps only the newest 10 when links pile up before the window takes them', () => {
    const inbox = createDeepLinkInbox();
    for (let i = 0; i < 15; i++) inbox.receive(`adapty-inspector://lookup?customer_user_id=u${i}`);
    const taken = inbox.take();
    expect(taken).toHaveLength(10);
    expect(taken[0]).toEqual({ ok: true, value: { idType: 'customer_user_id', id: 'u5' } });
  });
});
