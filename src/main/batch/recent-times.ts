/**
 * When things happened over the last `windowMs` (requests started, answers accepted, rows ended): the
 * pace of late, for the pacer and the time left. Older times are forgotten as new ones come.
 */
export function recentTimes(windowMs: number) {
  const times: number[] = [];
  const forget = (t: number) => {
    while (times.length > 0 && (times[0] as number) < t - windowMs) times.shift();
  };
  return {
    add(t: number) {
      times.push(t);
      forget(t);
    },
    /** How many happened in the window up to `t`. */
    count(t: number): number {
      forget(t);
      return times.length;
    },
    /** How many happened from `from` to `t` (at most windowMs before t). */
    countSince(from: number, t: number): number {
      forget(t);
      let count = 0;
      for (let at = times.length - 1; at >= 0 && (times[at] as number) >= from; at--) count++;
      return count;
    },
  };
}
