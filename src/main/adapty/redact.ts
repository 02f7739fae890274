/**
 * Redaction: the one place that removes a secret from text we produce.
 * The client runs every outcome through `redactDeep` before returning it, and
 * the CLI runs every line it prints through `redactText`.
 *
 * A server or proxy may echo the key in any shape, so what is removed is any
 * run of 12 or more characters of the key, in any letter case, in each of its
 * forms: as it is, URL-encoded, JSON-escaped, base64 and base64url (also
 * inside a longer encoded text, such as the whole Authorization header) and hex.
 * Overlapping runs merge, so a truncated echo leaves no tail behind. A key
 * shorter than 12 characters is removed only whole.
 */
export const REDACTED = '[redacted]';

/** The shortest run of a key that is removed on its own. */
export const RUN_LENGTH = 12;

/** Deeper than this, redactDeep stops walking and says so (nothing we produce is nearly this deep). */
const MAX_DEPTH = 64;

/** Lower-cases ASCII letters only, so indices in the result match the original text. */
function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * The key's base64 (and base64url) as it appears inside a longer encoded text: base64 works in
 * 3-byte groups, so the key's encoding depends on where it starts. For each of the three
 * alignments, the groups made of the key's bytes alone (those that hold a byte from before or after
 * it are dropped).
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.alloc(offset + bytes.length);
    shifted.set(bytes, offset);
    const encoded = shifted.toString('base64');
    const whole = offset === 0 ? encoded : encoded.slice(4);
    const inner = bytes.length % 3 === 0 && offset === 0 ? whole : whole.slice(0, Math.max(0, whole.length - 4));
    for (const form of offset === 0 ? [encoded, inner] : [inner]) forms.push(form, form.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''));
  }
  return forms.filter((form) => form.length > 0);
}

function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), ...base64Forms(bytes), bytes.toString('hex')];
}

/**
 * The needles split for a fast search. A text holds a piece of a secret when it holds a run of exactly
 * RUN_LENGTH characters of one of `runForms` (a long key's forms, and any form of exactly that length), or
 * one of `whole` as it is (the forms of a short key, and forms shorter than a run).
 */
interface Needles {
  /** The case-folded forms whose every run of RUN_LENGTH characters is a needle. */
  runForms: string[];
  /**
   * Every GRAM-character piece of the runs (that is, of `runForms`), hashed into a bitset. A run
   * (RUN_LENGTH = 2 × GRAM) found at any position of a text holds one whole piece starting at a multiple
   * of GRAM, so only those positions are looked up, with no string made; a hit there is then checked
   * exactly for the runs around it.
   */
  gramBits: Uint32Array;
  /** The runs themselves, as a set (one look-up per position, however many runs there are): made on the first hit, which a text with no piece of the key never gets. */
  runs(): Set<string>;
  whole: string[];
}

const GRAM = RUN_LENGTH / 2;
const GRAM_HASH_BITS = 20;

/**
 * A hash of the GRAM characters of `text` from `at`, for screening only: every code unit is OR-ed with
 * 0x20, which folds ASCII letters to lower case (and maps a few other characters together, which only
 * costs an exact check now and then).
 */
function gramHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + GRAM; i++) hash = Math.imul(hash, 0x01000193) ^ (text.charCodeAt(i) | 0x20);
  return (hash ^ (hash >>> GRAM_HASH_BITS)) & ((1 << GRAM_HASH_BITS) - 1);
}

/** The needles of these secrets: each form of each, case-folded, as runs to look for or whole. */
function needlesOf(secrets: readonly string[]): Needles {
  const runForms = new Set<string>();
  const whole = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of formsOf(secret).map(foldCase)) {
      // A form of exactly RUN_LENGTH is its own one run; a short key's longer forms are looked for whole.
      if (form.length === RUN_LENGTH || (form.length > RUN_LENGTH && secret.length >= RUN_LENGTH)) runForms.add(form);
      else whole.add(form);
    }
  }
  const gramBits = new Uint32Array((1 << GRAM_HASH_BITS) / 32);
  // Every piece of every run is every GRAM-character piece of the forms the runs are cut from.
  for (const form of runForms) {
    for (let at = 0; at + GRAM <= form.length; at++) {
      const hash = gramHash(form, at);
      gramBits[hash >>> 5]! |= 1 << (hash & 31);
    }
  }
  let runs: Set<string> | null = null;
  const runsOf = () => {
    if (runs) return runs;
    runs = new Set();
    for (const form of runForms) for (let i = 0; i + RUN_LENGTH <= form.length; i++) runs.add(form.slice(i, i + RUN_LENGTH));
    return runs;
  };
  return { runForms: [...runForms], gramBits, runs: runsOf, whole: [...whole] };
}

/**
 * The needles of the secrets seen lately: the same key is redacted from every outcome and every CLI line
 * (given as [key, key.trimmed] by the client and as [key] by the CLI: the same secrets, one set of needles).
 * A few sets are kept, so that two in turn (the CLI's batch with a key from the environment and another
 * from --connection, its rows and its lines) do not work their needles out again at every turn.
 */
const recentNeedles: Array<{ secrets: ReadonlySet<string>; needles: Needles }> = [];
const RECENT_NEEDLES = 4;

/** Whether two lists hold the same secrets, empty ones aside (they are never looked for). */
function sameSecrets(known: ReadonlySet<string>, secrets: readonly string[]): boolean {
  for (const secret of secrets) if (secret && !known.has(secret)) return false;
  for (const secret of known) if (!secrets.includes(secret)) return false;
  return true;
}

function cachedNeedlesOf(secrets: readonly string[]): Needles {
  const recent = recentNeedles.find((entry) => sameSecrets(entry.secrets, secrets));
  if (recent) return recent.needles;
  const needles = needlesOf(secrets);
  recentNeedles.unshift({ secrets: new Set(secrets.filter(Boolean)), needles });
  recentNeedles.length = Math.min(recentNeedles.length, RECENT_NEEDLES);
  return needles;
}

/** Whether the GRAM characters of `text` from `at` may be a piece of a run (a hash: a hit is checked exactly). */
function mayBePiece(text: string, at: number, { gramBits }: Needles): boolean {
  const hash = gramHash(text, at);
  return (gramBits[hash >>> 5]! & (1 << (hash & 31))) !== 0;
}

/** Whether a piece of a secret may be in `text`: false only when spansIn would surely find none. */
function mayHold(text: string, needles: Needles): boolean {
  // A long key's pieces are screened first, with no string made; a short key's whole forms are looked for as they are.
  if (needles.whole.length === 0 && !mayHoldPiece(text, needles)) return false;
  return spansIn(text, needles).length > 0;
}

function mayHoldPiece(text: string, needles: Needles): boolean {
  if (needles.runForms.length === 0 || text.length < RUN_LENGTH) return false;
  for (let piece = 0; piece + GRAM <= text.length; piece += GRAM) if (mayBePiece(text, piece, needles)) return true;
  return false;
}

/** Where pieces of a secret are in a text, as [start, end) spans (unsorted, maybe overlapping). */
function spansIn(text: string, needles: Needles): Array<[number, number]> {
  const { runForms, whole } = needles;
  const folded = foldCase(text);
  const spans: Array<[number, number]> = [];
  if (runForms.length > 0) {
    for (let piece = 0; piece + GRAM <= folded.length; piece += GRAM) {
      if (!mayBePiece(folded, piece, needles)) continue;
      const runs = needles.runs();
      for (let at = Math.max(0, piece - GRAM); at <= piece && at + RUN_LENGTH <= folded.length; at++) {
        if (runs.has(folded.slice(at, at + RUN_LENGTH))) spans.push([at, at + RUN_LENGTH]);
      }
    }
  }
  for (const needle of whole) {
    for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + 1)) spans.push([at, at + needle.length]);
  }
  return spans;
}

/** A function that redacts one text; the needles are worked out once for many texts. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = cachedNeedlesOf(secrets);
  if (needles.runForms.length === 0 && needles.whole.length === 0) return (text) => text;
  return (text) => {
    const spans = spansIn(text, needles);
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let written = 0;
    let [start, end] = spans[0]!;
    for (const [from, to] of spans.slice(1)) {
      if (from <= end) {
        end = Math.max(end, to);
        continue;
      }
      out += text.slice(written, start) + REDACTED;
      written = end;
      [start, end] = [from, to];
    }
    return out + text.slice(written, start) + REDACTED + text.slice(end);
  };
}

export function redactText(text: string, secrets: readonly string[]): string {
  return createRedactor(secrets)(text);
}

/**
 * Whether no piece of a secret is in `value`: every string and object key of it is screened as the
 * full walk would redact it. False when unsure (nested deeper than the walk goes, or not plain data).
 */
function surelyClean(value: unknown, needles: Needles, depth: number): boolean {
  if (typeof value === 'string') return !mayHold(value, needles);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => surelyClean(item, needles, depth + 1));
  // Only plain data is screened: a URL, an Error or a Map keeps its text where Object.keys does not see it.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(value)) {
    if (keyMayHold(key, needles) || !surelyClean((value as Record<string, unknown>)[key], needles, depth + 1)) return false;
  }
  return true;
}

/** Object keys screened already, for the needles they were screened for: an outcome's keys are the same few dozen names every time. */
let screenedKeys: { needles: Needles; results: Map<string, boolean> } | null = null;
const MAX_SCREENED_KEYS = 1000;

function keyMayHold(key: string, needles: Needles): boolean {
  if (screenedKeys?.needles !== needles || screenedKeys.results.size >= MAX_SCREENED_KEYS) screenedKeys = { needles, results: new Map() };
  let result = screenedKeys.results.get(key);
  if (result === undefined) screenedKeys.results.set(key, (result = mayHold(key, needles)));
  return result;
}

/**
 * `value` with every string (and every object key) redacted: itself when nothing needs it (the common
 * case, screened without a copy), else a copy. It never recurses without limit.
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.every((s) => s.length > 0) ? secrets : secrets.filter((s) => s.length > 0);
  if (live.length === 0) return value;
  if (surelyClean(value, cachedNeedlesOf(live), 0)) return value;
  const redact = createRedactor(live);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redact(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth >= MAX_DEPTH) return `${REDACTED} (nested too deep to check)`;
    if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redact(k), walk(inner, depth + 1)]));
  };
  return walk(value, 0) as T;
}
