/**
 * A figure of `npm run bench` and the arithmetic every figure uses, with no test runner in it: the vitest
 * figure files (bench/figures/) and the window's Playwright file (bench/renderer.pw.ts) both build theirs here.
 */
export interface Figure {
  name: string;
  /** Rounded for display only: `met` is decided on the value as measured. */
  value: number;
  unit: string;
  /** The target, as text ("≤ 1.10"), and whether it was met; null for a figure given for information, with no target. */
  target: string;
  met: boolean | null;
}

export type Target = { atMost: number; text?: string } | { atLeast: number } | { informational: true };

/**
 * A figure from its value as measured (`raw`): whether it met its target is decided on `raw`, and only the
 * value shown is rounded to `digits` (a ratio of 1.104 misses "≤ 1.1", although it is shown as 1.1).
 */
export function figure(name: string, raw: number, unit: string, target: Target, digits: number): Figure {
  const value = round(raw, digits);
  if ('informational' in target) return { name, value, unit, target: 'none (informational)', met: null };
  return 'atLeast' in target
    ? { name, value, unit, target: `≥ ${target.atLeast}`, met: raw >= target.atLeast }
    : { name, value, unit, target: target.text ?? `≤ ${target.atMost}`, met: raw <= target.atMost };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
