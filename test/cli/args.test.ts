/** The CLI's arguments read into commands: the new options of this round (the rest is tested through the process). */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args';

describe('parseCommand', () => {
  it('local-server --rate N: at most N requests a second', () => {
    expect(parseCommand(['local-server', '--rate', '200'])).toEqual({ ok: true, value: { name: 'local-server', port: 0, slowMs: undefined, ratePerSecond: 200 } });
    expect(parseCommand(['local-server'])).toMatchObject({ ok: true, value: { ratePerSecond: undefined } });
    expect(parseCommand(['local-server', '--rate', 'fast'])).toEqual({ ok: false, error: '--rate takes a positive whole number, got "fast".' });
    expect(parseCommand(['local-server', '--rate', '0'])).toEqual({ ok: false, error: '--rate takes a positive whole number, got "0".' });
  });

  it('--verbose and -v ask for the exchange on stderr; without them it is off', () => {
    expect(parseCommand(['lookup', 'x', '--verbose'])).toMatchObject({ ok: true, value: { verbose: true } });
    expect(parseCommand(['profile', 'x', '-v'])).toMatchObject({ ok: true, value: { verbose: true } });
    expect(parseCommand(['lookup', 'x'])).toMatchObject({ ok: true, value: { verbose: false } });
    expect(parseCommand(['lookup', 'x', '--verbose=yes'])).toEqual({ ok: false, error: '--verbose takes no value.' });
  });

  it('--connection NAME names one of the app\'s connections', () => {
    expect(parseCommand(['lookup', 'x', '--connection', 'Acme staging'])).toMatchObject({ ok: true, value: { connection: 'Acme staging' } });
    expect(parseCommand(['lookup', 'x', '--connection'])).toMatchObject({ ok: false, error: expect.stringContaining('--connection needs a value') });
  });
});
