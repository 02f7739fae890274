/**
 * A figure of `npm run bench` and the arithmetic every figure uses, with no test runner in it: the vitest
 * figure files (bench/figures/) and the window's Playwright file (bench/renderer.pw.ts) both build theirs here.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, as text ("≤ 1.10"), and whether it was met. */
  target: string;
  met: boolean;
}

export type Target = { atMost: number; text?: string } | { atLeast: number };

export function figure(name: string, value: number, unit: string, target: Target): Figure {
  return 'atLeast' in target
    ? { name, value, unit, target: `≥ ${target.atLeast}`, met: value >= target.atLeast }
    : { name, value, unit, target: target.text ?? `≤ ${target.atMost}`, met: value <= target.atMost };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
