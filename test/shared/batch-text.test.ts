import { describe, expect, it } from 'vitest';
import { batchIds, linesOf } from '../../src/shared/batch';
import { MAX_BATCH_IDS } from '../../src/shared/batch-limits';
import { etaText, failuresText, idCountLine, idsProblem, progressLine } from '../../src/shared/batch-text';
import { outcomeLabel } from '../../src/shared/history';

const progress = { total: 2000, done: 1234, failed: 12, cancelled: 0, concurrency: 8, rate: null, throttled: 0, elapsedMs: 5000, etaMs: 11_400 };

describe('a batch in words', () => {
  it('counts the IDs pasted, and says what was skipped', () => {
    expect(idCountLine(batchIds(linesOf('a\nb\na\n\n  \nc'), 'auto'))).toBe('3 IDs (1 duplicate, 2 blank lines skipped)');
    expect(idCountLine(batchIds(linesOf('a'), 'auto'))).toBe('1 ID');
    // An empty field has no lines, and a line break at the end starts no blank line.
    expect(idCountLine(batchIds(linesOf(''), 'auto'))).toBe('0 IDs');
    expect(idCountLine(batchIds(linesOf('a\nb\n'), 'auto'))).toBe('2 IDs');
    expect(idCountLine(batchIds(linesOf('a\r\nb\r\n\r\n'), 'auto'))).toBe('2 IDs (1 blank line skipped)');
  });

  it('says why IDs cannot start: none, or more than a batch takes', () => {
    expect(idsProblem(batchIds(['', ' '], 'auto'))).toMatch(/^Nothing to look up/);
    expect(idsProblem(batchIds(Array.from({ length: MAX_BATCH_IDS + 1 }, (_, n) => `u${n}`), 'auto'))).toBe('A batch takes at most 10,000 IDs; this one has 10,001. Split it.');
    expect(idsProblem(batchIds(['u1'], 'auto'))).toBeNull();
  });

  it('gives done, failed, left and the time left while it runs', () => {
    expect(progressLine(progress, true)).toBe('1,234 done · 12 failed · 754 left · about 12 s left');
    expect(progressLine(progress, false)).toBe('1,234 done · 12 failed · 754 left');
    expect(progressLine({ ...progress, etaMs: null }, true)).toBe('1,234 done · 12 failed · 754 left');
  });

  it('counts cancelled rows (the person cancelled, or the batch stopped) apart from those that failed', () => {
    expect(progressLine({ ...progress, cancelled: 754 }, false)).toBe('1,234 done · 12 failed · 754 cancelled · 0 left');
    expect(progressLine({ ...progress, cancelled: 4 }, true)).toBe('1,234 done · 12 failed · 4 cancelled · 750 left · about 12 s left');
  });

  it('rounds the time left to what a person reads', () => {
    expect(etaText(200)).toBe('about 1 s left');
    expect(etaText(150_000)).toBe('about 3 min left');
    expect(etaText(3_900_000)).toBe('about 1 h 5 min left');
    expect(etaText(null)).toBeNull();
  });
});

describe('the rows that did not succeed, by kind', () => {
  const kinds = [['not_found', 1234], ['rate_limited', 1]] as const;
  it('are named as written for the CLI (its exit codes and --help use those names), and counted as 1,234', () => {
    expect(failuresText(kinds)).toBe('not_found 1,234 · rate_limited 1');
  });
  it('are named as people read them in the window', () => {
    expect(failuresText(kinds, outcomeLabel)).toBe('not found 1,234 · rate limited 1');
  });
});
