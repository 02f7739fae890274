/** How big and how wide a batch may be; no zod here (the CLI reads these to check its arguments at start). */

/** The most IDs one batch in the app takes: what its table stays smooth at. */
export const MAX_BATCH_IDS = 10_000;
/** Requests in flight at once, at most (the pace may choose fewer). */
export const DEFAULT_BATCH_CONCURRENCY = 16;
export const MAX_BATCH_CONCURRENCY = 64;
