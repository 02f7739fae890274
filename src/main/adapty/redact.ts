/**
 * Redaction: the one place that removes a secret from text we produce.
 * The client runs every outcome through `redactDeep` before returning it, and
 * the CLI runs every line it prints through `redactText`.
 */
export const REDACTED = '[redacted]';

function forms(secret: string): string[] {
  const all = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  return [...all].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** A copy of `value` with every string (and every object key) redacted. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length > 0);
  if (live.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, live);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redactText(k, live), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}
