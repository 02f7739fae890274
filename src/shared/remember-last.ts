/**
 * A pure function of one string, remembered for the last input: a batch or a
 * run of lookups checks the same key and the same address thousands of times.
 */
export function rememberLast<T>(work: (input: string) => T): (input: string) => T {
  let last: { input: string; result: T } | null = null;
  return (input) => {
    if (last?.input !== input) last = { input, result: work(input) };
    return last.result;
  };
}
