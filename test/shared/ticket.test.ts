import { describe, expect, it } from 'vitest';
import { IDENTIFIER_KEYS, IDENTIFIERS, unsetSummary, type Identifiers } from '../../src/shared/identifiers';
import { resultAsJson, type LookupResult } from '../../src/shared/lookup';
import { hostOf } from '../../src/shared/connections';
import { resultAsCopyJson, ticketText } from '../../src/shared/ticket';

const none = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, null])) as Identifiers;

function result(identifiers: Partial<Identifiers>, more: Partial<LookupResult> = {}): LookupResult {
  return {
    query: { idType: 'customer_user_id', id: 'documented-example' },
    identifiers: { ...none, ...identifiers },
    extras: {},
    requestId: '0f8b3c2e-1d4a-4b6c-9e7f-2a1b3c4d5e6f',
    ...more,
  };
}

describe('hostOf', () => {
  it.each([
    ['https://api.adapty.io', 'api.adapty.io'],
    ['http://127.0.0.1:8080', '127.0.0.1:8080'],
    ['https://proxy.example.com/adapty', 'proxy.example.com'],
    ['not a url', 'not a url'],
  ])('%j is %j', (baseUrl, expected) => {
    expect(hostOf(baseUrl)).toBe(expected);
  });
});

describe('ticketText', () => {
  it('names the connection, the ID looked up, each set identifier in order, and the request ID', () => {
    const text = ticketText(
      result({ appsflyer_id: '1741933337626-3179568', adjust_device_id: 'adid-1', mixpanel_user_id: '33w6yv5DPqVlyMVbjW31xvzJLtJ3' }),
      'api.adapty.io',
    );
    expect(text).toBe(
      [
        'Connection: api.adapty.io',
        'Looked up: Customer user ID documented-example',
        'Adjust device ID (adid): adid-1',
        'AppsFlyer ID: 1741933337626-3179568',
        'Mixpanel distinct ID: 33w6yv5DPqVlyMVbjW31xvzJLtJ3',
        'Request ID: 0f8b3c2e-1d4a-4b6c-9e7f-2a1b3c4d5e6f',
      ].join('\n'),
    );
  });

  it('says when nothing is set and when Adapty sent no request ID; a profile ID is named as such', () => {
    const text = ticketText(result({}, { query: { idType: 'profile_id', id: '3e1b0c1a-5b7d-4f2e-9a6c-8d0e2f4a6b8c' }, requestId: null }), 'api.adapty.io');
    expect(text.split('\n')).toEqual([
      'Connection: api.adapty.io',
      'Looked up: Profile ID 3e1b0c1a-5b7d-4f2e-9a6c-8d0e2f4a6b8c',
      'Identifiers: none set',
      'Request ID: not sent by Adapty',
    ]);
  });

  it('keeps every value on its line: an empty string, a line break, extra keys (null ones left out)', () => {
    const text = ticketText(
      result({ adjust_device_id: '', appsflyer_id: 'a\nRequest ID: forged' }, { extras: { singular_device_id: 'sg-42', future: { id: 'x-1' }, gone: null } }),
      'h',
    );
    expect(text.split('\n')).toEqual([
      'Connection: h',
      'Looked up: Customer user ID documented-example',
      'Adjust device ID (adid): "" (empty string)',
      'AppsFlyer ID: "a\\nRequest ID: forged"',
      'singular_device_id: sg-42',
      'future: {"id":"x-1"}',
      'Request ID: 0f8b3c2e-1d4a-4b6c-9e7f-2a1b3c4d5e6f',
    ]);
  });
});

describe('resultAsCopyJson', () => {
  it('has the ID looked up, the request ID, the 16 identifiers in order and the extras', () => {
    const r = result({ appsflyer_id: 'af-1' }, { extras: { singular_device_id: 'sg-42' } });
    const parsed = JSON.parse(resultAsCopyJson(r, 2)) as Record<string, unknown>;
    expect(parsed).toEqual({
      id_type: 'customer_user_id',
      id: 'documented-example',
      request_id: '0f8b3c2e-1d4a-4b6c-9e7f-2a1b3c4d5e6f',
      identifiers: { ...none, appsflyer_id: 'af-1' },
      extras: { singular_device_id: 'sg-42' },
    });
    expect(Object.keys(parsed.identifiers as object)).toEqual(IDENTIFIER_KEYS);
  });

  it('leaves the CLI JSON (resultAsJson) as it was: the identifiers and extras only', () => {
    const r = result({ appsflyer_id: 'af-1' });
    expect(JSON.parse(resultAsJson(r))).toEqual({ ...none, appsflyer_id: 'af-1' });
  });
});

describe('identifier names and unsetSummary', () => {
  it('gives every identifier a distinct name and an explanation', () => {
    expect(new Set(IDENTIFIERS.map((i) => i.name)).size).toBe(IDENTIFIERS.length);
    for (const i of IDENTIFIERS) expect(i.explanation.length).toBeGreaterThan(20);
  });

  it('names a whole integration when none of its identifiers is set, else the unset identifier', () => {
    const all = Object.fromEntries(IDENTIFIER_KEYS.map((key) => [key, 'x'])) as Identifiers;
    expect(unsetSummary({ ...all, adjust_device_id: null, amplitude_user_id: null, appmetrica_device_id: null, appmetrica_profile_id: null })).toEqual([
      'Adjust',
      'Amplitude user ID',
      'AppMetrica',
    ]);
    expect(unsetSummary(all)).toEqual([]);
    expect(unsetSummary(none)).toEqual([...new Set(IDENTIFIERS.map((i) => i.integration))]);
  });
});
