import { describe, expect, it } from 'vitest';
import { recentTimes } from '../../../src/main/batch/recent-times';

describe('recent times', () => {
  it('count what happened within the window, however many came and went before', () => {
    const recent = recentTimes(100);
    // 10 a millisecond for 5 s: 50,000 times, of which the last 100 ms are in the window.
    for (let ms = 0; ms < 5000; ms++) for (let i = 0; i < 10; i++) recent.add(ms + i / 10);
    expect(recent.count(4999.9)).toBe(1001);
    expect(recent.countSince(4990, 4999.9)).toBe(100);
    // Later, fewer are left; long after, none.
    expect(recent.count(5050)).toBe(500);
    expect(recent.count(10_000)).toBe(0);
    recent.add(10_000);
    expect(recent.count(10_000)).toBe(1);
  });

  it('count since a moment within the window, and never beyond the window', () => {
    const recent = recentTimes(500);
    for (const t of [0, 100, 200, 300, 400, 600]) recent.add(t);
    // The window is (100, 600]: 0 is forgotten, 100 is kept.
    expect(recent.countSince(250, 600)).toBe(3);
    expect(recent.countSince(0, 600)).toBe(5);
    expect(recent.count(600)).toBe(5);
  });
});
