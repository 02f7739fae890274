import { describe, expect, it } from 'vitest';
import { isDeepLink, MAX_DEEP_LINK_LENGTH, parseDeepLink } from '../../src/shared/deep-link';

const PROFILE = '3f2a1c9e-0b4d-4e8a-9c1f-2d5e6a7b8c9d';

describe('parseDeepLink', () => {
  it.each([
    ['adapty-inspector://lookup?customer_user_id=john%40example.com', { idType: 'customer_user_id', id: 'john@example.com' }],
    ['adapty-inspector://lookup/?customer_user_id=a%20b', { idType: 'customer_user_id', id: 'a b' }],
    ['ADAPTY-INSPECTOR://LOOKUP?customer_user_id=x', { idType: 'customer_user_id', id: 'x' }],
    ['adapty-inspector:lookup?customer_user_id=x', { idType: 'customer_user_id', id: 'x' }],
    [`adapty-inspector://lookup?profile_id=${PROFILE.toUpperCase()}`, { idType: 'profile_id', id: PROFILE }],
    ['adapty-inspector://lookup?customer_user_id=x&connection=%20Acme%20staging%20', { idType: 'customer_user_id', id: 'x', connection: 'Acme staging' }],
    // Quotes and spaces a ticket tool may put around an ID go, as when pasting.
    ['adapty-inspector://lookup?customer_user_id=%22%20x%20%22', { idType: 'customer_user_id', id: 'x' }],
  ])('reads %s', (link, expected) => {
    expect(parseDeepLink(link)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['not a URL at all', 'not a valid address'],
    ['https://lookup?customer_user_id=x', 'not an adapty-inspector: link'],
    ['adapty-inspector://delete?customer_user_id=x', 'only the "lookup" link'],
    ['adapty-inspector://lookup/extra?customer_user_id=x', 'only the "lookup" link'],
    ['adapty-inspector://user:pw@lookup?customer_user_id=x', 'only the "lookup" link'],
    ['adapty-inspector://lookup:99?customer_user_id=x', 'only the "lookup" link'],
    ['adapty-inspector://lookup', 'exactly one ID'],
    [`adapty-inspector://lookup?customer_user_id=x&profile_id=${PROFILE}`, 'exactly one ID'],
    ['adapty-inspector://lookup?customer_user_id=x&customer_user_id=y', 'gives customer_user_id twice'],
    ['adapty-inspector://lookup?customer_user_id=x&api_key=secret', 'a parameter the app does not know ("api_key")'],
    ['adapty-inspector://lookup?customer_user_id=x&constructor=1', 'a parameter the app does not know ("constructor")'],
    ['adapty-inspector://lookup?customer_user_id=x&__proto__=1', 'a parameter the app does not know ("__proto__")'],
    ['adapty-inspector://lookup?profile_id=nope', 'its profile ID is not valid'],
    ['adapty-inspector://lookup?customer_user_id=', 'its customer user ID is not valid'],
    ['adapty-inspector://lookup?customer_user_id=jos%C3%A9', 'its customer user ID is not valid'],
    ['adapty-inspector://lookup?customer_user_id=x&connection=%20', 'connection name must be 1 to 40 characters'],
    [`adapty-inspector://lookup?customer_user_id=x&connection=${'a'.repeat(41)}`, 'connection name must be 1 to 40 characters'],
    [`adapty-inspector://lookup?customer_user_id=${'x'.repeat(MAX_DEEP_LINK_LENGTH)}`, `longer than ${MAX_DEEP_LINK_LENGTH} characters`],
  ])('refuses %s, saying why', (link, why) => {
    const parsed = parseDeepLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.message).toMatch(/^This link cannot be opened: /);
      expect(parsed.error.message).toContain(why);
    }
  });

  it('knows its links among other command-line arguments', () => {
    expect(['/usr/bin/app', '--flag', 'adapty-inspector://lookup?x', 'Adapty-Inspector:lookup'].filter(isDeepLink)).toEqual([
      'adapty-inspector://lookup?x',
      'Adapty-Inspector:lookup',
    ]);
    expect(isDeepLink('https://adapty-inspector.example')).toBe(false);
  });
});
