/** A batch in words, for the window (and the CLI if it wants): how many IDs were pasted, how a run is going, how long it has left. */
import type { BatchIds, BatchProgress } from './batch';
import { MAX_BATCH_IDS } from './batch-limits';
import type { LookupErrorKind } from './errors';

/** "1,234": every count the batch shows or prints is written so. */
export const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/** "1,204 IDs (3 duplicates, 2 blank lines skipped)". */
export function idCountLine({ ids, duplicates, blank }: BatchIds): string {
  const skipped = [duplicates > 0 ? plural(duplicates, 'duplicate', 'duplicates') : null, blank > 0 ? plural(blank, 'blank line', 'blank lines') : null].filter(Boolean);
  return `${plural(ids.length, 'ID', 'IDs')}${skipped.length > 0 ? ` (${skipped.join(', ')} skipped)` : ''}`;
}

/** Why these IDs cannot start, or null when they can. */
export function idsProblem({ ids }: BatchIds): string | null {
  if (ids.length === 0) return 'Nothing to look up: paste IDs, one per line, or open a file.';
  if (ids.length > MAX_BATCH_IDS) return `A batch takes at most ${count(MAX_BATCH_IDS)} IDs; this one has ${count(ids.length)}. Split it.`;
  return null;
}

/** "about 12 s left", "about 3 min left"; null when there is no estimate yet. */
export function etaText(etaMs: number | null): string | null {
  if (etaMs === null) return null;
  const seconds = Math.ceil(etaMs / 1000);
  if (seconds < 60) return `about ${Math.max(1, seconds)} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** "1,234 done · 12 failed · 754 left · about 12 s left"; rows cancelled (not looked up, or left without a final answer) are counted apart: "· 210 cancelled". */
export function progressLine(progress: BatchProgress, running: boolean): string {
  const left = Math.max(0, progress.total - progress.done - progress.failed - progress.cancelled);
  const eta = running && left > 0 ? etaText(progress.etaMs) : null;
  const cancelled = progress.cancelled > 0 ? [`${count(progress.cancelled)} cancelled`] : [];
  return [`${count(progress.done)} done`, `${count(progress.failed)} failed`, ...cancelled, `${count(left)} left`, ...(eta ? [eta] : [])].join(' · ');
}

/**
 * "not_found 2 · timeout 1": the rows that did not succeed, by kind (failuresByKind's order); each kind as
 * `name` gives it (as written, for the CLI; "not found" in the window).
 */
export function failuresText(kinds: readonly (readonly [LookupErrorKind, number])[], name: (kind: LookupErrorKind) => string = (kind) => kind): string {
  return kinds.map(([kind, n]) => `${name(kind)} ${count(n)}`).join(' · ');
}
