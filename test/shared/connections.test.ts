/**
 * The rules of the list of connections: names (trimmed, 1 to 40 characters, no
 * control characters, unique whatever their case), whole lists (unique ids, the
 * active one in the list, at most 20), a colour for a new one, and finding one
 * by id or by name.
 */
import { describe, expect, it } from 'vitest';
import {
  checkConnectionName,
  checkConnections,
  CONNECTION_COLOURS,
  DEFAULT_CONNECTIONS,
  findConnection,
  firstConnection,
  MAX_CONNECTION_NAME,
  MAX_CONNECTIONS,
  unusedColour,
  type Connection,
  type Connections,
} from '../../src/shared/connections';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const LOCAL = { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 5_000 };

function connection(id: string, name: string, extra: Partial<Connection> = {}): Connection {
  return { id, name, colour: 'teal', ...DEFAULT_SETTINGS, ...extra };
}

const PRODUCTION = connection('c-prod', 'Acme production', { colour: 'blue' });
const STAGING = connection('c-stage', 'Acme staging', { colour: 'orange', ...LOCAL });

describe('the first connection and the defaults', () => {
  it('is "Default", blue, with id "default" and the settings it is given (Adapty and the default timeout when none)', () => {
    expect(firstConnection()).toEqual({ id: 'default', name: 'Default', colour: 'blue', ...DEFAULT_SETTINGS });
    expect(firstConnection(LOCAL)).toEqual({ id: 'default', name: 'Default', colour: 'blue', ...LOCAL });
    expect(DEFAULT_CONNECTIONS).toEqual({ active: 'default', connections: [firstConnection()] });
    expect(checkConnections(DEFAULT_CONNECTIONS)).toEqual({ ok: true, value: DEFAULT_CONNECTIONS });
  });
});

describe('checkConnectionName', () => {
  it.each([
    ['Acme production', 'Acme production'],
    ['  Acme production  ', 'Acme production'],
    ['Acme \t  production', 'Acme production'],
    ['x', 'x'],
    ['é'.repeat(MAX_CONNECTION_NAME), 'é'.repeat(MAX_CONNECTION_NAME)],
    [` ${'n'.repeat(MAX_CONNECTION_NAME)} `, 'n'.repeat(MAX_CONNECTION_NAME)],
  ])('accepts %j as %j', (raw, name) => {
    expect(checkConnectionName(raw, [])).toEqual({ ok: true, value: name });
  });

  it.each(['', '   ', '\t\n'])('refuses an empty name %j, saying to give one', (raw) => {
    expect(checkConnectionName(raw, [])).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/Give the connection a name/) } });
  });

  it('refuses a name longer than 40 characters once trimmed', () => {
    expect(checkConnectionName('n'.repeat(MAX_CONNECTION_NAME + 1), [])).toEqual({
      ok: false,
      error: { field: 'name', message: expect.stringMatching(/at most 40 characters/) },
    });
  });

  it.each(['Acme\u0000prod', 'Acme\u0007', 'Acme\u001bprod', 'Acme\u007fprod'])('refuses control characters in %j', (raw) => {
    expect(checkConnectionName(raw, [])).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/control characters/) } });
  });

  it.each(['Acme production', 'acme PRODUCTION', '  ACME   production '])('refuses %j next to "Acme production": names are unique whatever their case', (raw) => {
    const refused = checkConnectionName(raw, [STAGING, PRODUCTION]);
    expect(refused).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/already exists/) } });
  });

  it('accepts a name that only looks like another one', () => {
    expect(checkConnectionName('Acme production 2', [PRODUCTION])).toEqual({ ok: true, value: 'Acme production 2' });
  });
});

describe('checkConnections', () => {
  const valid: Connections = { active: STAGING.id, connections: [PRODUCTION, STAGING] };

  it('accepts a valid list as it is', () => {
    expect(checkConnections(valid)).toEqual({ ok: true, value: valid });
  });

  it('normalises the names and the settings of each connection', () => {
    const messy = { active: 'c-stage', connections: [{ ...STAGING, name: '  Acme   staging ', baseUrl: ' http://127.0.0.1:4010/ ' }] };
    expect(checkConnections(messy)).toEqual({ ok: true, value: { active: 'c-stage', connections: [STAGING] } });
  });

  it('refuses two connections with the same id', () => {
    const twins = { active: 'c-prod', connections: [PRODUCTION, { ...STAGING, id: 'c-prod' }] };
    expect(checkConnections(twins)).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/same id/) } });
  });

  it('refuses two connections with the same name in another case', () => {
    const twins = { active: 'c-prod', connections: [PRODUCTION, { ...STAGING, name: 'ACME PRODUCTION' }] };
    expect(checkConnections(twins)).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/already exists/) } });
  });

  it('refuses an active connection that is not in the list', () => {
    expect(checkConnections({ ...valid, active: 'c-gone' })).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/active connection is not in the list/) } });
  });

  it('refuses an empty list', () => {
    expect(checkConnections({ active: 'default', connections: [] })).toMatchObject({ ok: false, error: { field: 'name' } });
  });

  it(`accepts ${MAX_CONNECTIONS} connections and refuses ${MAX_CONNECTIONS + 1}`, () => {
    const many = (count: number): Connections => ({
      active: 'c-0',
      connections: Array.from({ length: count }, (_, i) => connection(`c-${i}`, `App ${i}`)),
    });
    expect(checkConnections(many(MAX_CONNECTIONS)).ok).toBe(true);
    expect(checkConnections(many(MAX_CONNECTIONS + 1))).toEqual({ ok: false, error: { field: 'name', message: expect.stringMatching(/between 1 and 20/) } });
  });

  it.each<[string, Partial<Connection>, string]>([
    ['a base URL that is not http(s)', { baseUrl: 'ftp://api.adapty.io' }, 'baseUrl'],
    ['a timeout out of bounds', { timeoutMs: 10 }, 'timeoutMs'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses a connection with %s, naming the field', (_what, change, field) => {
    const broken = { ...valid, connections: [PRODUCTION, { ...STAGING, ...change }] };
    expect(checkConnections(broken)).toMatchObject({ ok: false, error: { field } });
  });
});

describe('unusedColour', () => {
  it('gives the first colour no connection uses yet', () => {
    expect(unusedColour([])).toBe(CONNECTION_COLOURS[0]);
    expect(unusedColour([PRODUCTION])).toBe('teal');
    expect(unusedColour([connection('a', 'A', { colour: 'teal' }), connection('b', 'B', { colour: 'blue' })])).toBe('grape');
  });

  it('gives gray once every colour is taken', () => {
    const all = CONNECTION_COLOURS.map((colour, i) => connection(`c-${i}`, `App ${i}`, { colour }));
    expect(unusedColour(all)).toBe('gray');
    expect(unusedColour([...all, ...all])).toBe('gray');
  });

  it('never gives a colour already in use while one is free', () => {
    for (let used = 0; used < CONNECTION_COLOURS.length; used++) {
      const taken = CONNECTION_COLOURS.slice(0, used).map((colour, i) => connection(`c-${i}`, `App ${i}`, { colour }));
      expect(taken.map((each) => each.colour)).not.toContain(unusedColour(taken));
    }
  });
});

describe('findConnection', () => {
  const list = [firstConnection(), PRODUCTION, STAGING];

  it('finds a connection by its id', () => {
    expect(findConnection(list, 'c-stage')).toBe(STAGING);
    expect(findConnection(list, 'default')).toEqual(firstConnection());
  });

  it.each(['Acme staging', 'acme STAGING', '  Acme staging  '])('finds a connection by its name %j, whatever its case', (wanted) => {
    expect(findConnection(list, wanted)).toBe(STAGING);
  });

  it('prefers an id over a name', () => {
    const named = connection('c-other', 'c-stage');
    expect(findConnection([named, STAGING], 'c-stage')).toBe(STAGING);
  });

  it('gives null for an id or a name that is not there', () => {
    expect(findConnection(list, 'c-gone')).toBeNull();
    expect(findConnection(list, 'Acme')).toBeNull();
    expect(findConnection(list, '')).toBeNull();
  });
});
