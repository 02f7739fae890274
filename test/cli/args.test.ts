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

  it('batch: --input (a file, or - for stdin), Auto and CSV by default, json when the output file says so', () => {
    expect(parseCommand(['batch', '--input', '-'])).toEqual({
      ok: true,
      value: { name: 'batch', input: '-', column: undefined, idType: 'auto', output: undefined, format: 'csv', concurrency: 16, baseUrl: undefined, timeoutMs: undefined, connection: undefined, verbose: false, json: false },
    });
    expect(parseCommand(['batch', '--input', 'ids.txt', '--output', 'rows.JSON', '--id-type', 'profile', '--concurrency', '4'])).toMatchObject({
      ok: true,
      value: { input: 'ids.txt', output: 'rows.JSON', format: 'json', idType: 'profile_id', concurrency: 4 },
    });
    expect(parseCommand(['batch', '--input', 'ids.txt', '--output', 'rows.json', '--format', 'csv'])).toMatchObject({ ok: true, value: { format: 'csv' } });
  });

  it('batch refuses what it does not take, and lookup what only batch takes', () => {
    expect(parseCommand(['batch'])).toMatchObject({ ok: false, error: expect.stringContaining('batch needs --input FILE') });
    expect(parseCommand(['batch', '--input', '-', 'user-1'])).toMatchObject({ ok: false, error: expect.stringContaining('Unexpected argument "user-1"') });
    expect(parseCommand(['batch', '--input', '-', '--with-profile'])).toEqual({ ok: false, error: '--with-profile is not an option of batch.' });
    expect(parseCommand(['batch', '--input', '-', '--format', 'xlsx'])).toEqual({ ok: false, error: '--format is csv or json, got "xlsx".' });
    for (const idType of ['nope', 'constructor', 'toString', '__proto__']) {
      expect(parseCommand(['batch', '--input', '-', '--id-type', idType])).toEqual({ ok: false, error: `--id-type is auto, customer or profile, got "${idType}".` });
    }
    expect(parseCommand(['batch', '--input', '-', '--concurrency', '0'])).toEqual({ ok: false, error: '--concurrency takes a positive whole number, got "0".' });
    expect(parseCommand(['lookup', 'x', '--input', 'ids.txt'])).toEqual({ ok: false, error: '--input is an option of batch, not of lookup.' });
    // "-" is stdin or stdout, and only there: as any other option's value it is a forgotten value.
    expect(parseCommand(['batch', '--input', '-', '--output', '-'])).toMatchObject({ ok: true, value: { input: '-', output: undefined } });
    expect(parseCommand(['batch', '--input', '-', '--column', '-'])).toMatchObject({ ok: false, error: expect.stringContaining('--column needs a value') });
  });

  it('<command> --help asks for that command\'s help; --help alone, or after an unknown command, the general one', () => {
    for (const name of ['lookup', 'profile', 'batch', 'local-server'] as const) {
      expect(parseCommand([name, '--help'])).toEqual({ ok: true, value: { name: 'help', command: name } });
      expect(parseCommand(['-h', name])).toEqual({ ok: true, value: { name: 'help', command: name } });
    }
    // Whatever else is given: batch's --input is not required, lookup's ID not checked.
    expect(parseCommand(['lookup', 'a', 'b', '--help'])).toEqual({ ok: true, value: { name: 'help', command: 'lookup' } });
    expect(parseCommand(['--help'])).toEqual({ ok: true, value: { name: 'help' } });
    expect(parseCommand([])).toEqual({ ok: true, value: { name: 'help' } });
    expect(parseCommand(['fetch', '--help'])).toEqual({ ok: true, value: { name: 'help' } });
    // An unknown option is still a usage problem, as with --help alone.
    expect(parseCommand(['batch', '--help', '--nope'])).toEqual({ ok: false, error: 'Unknown option --nope.' });
  });
});
