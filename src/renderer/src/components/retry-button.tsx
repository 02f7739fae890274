/**
 * Retry for a failed lookup, which after a 429 waits out Retry-After: disabled, counting down
 * ("Retry in 2 s"), then ready. The identifiers' banner and the profile's use it alike.
 */
import { Button, type ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/errors';

/** Whole seconds until `until`, ticking while there are any left. */
function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  const waiting = until > now;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [waiting]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

interface RetryButtonProps {
  error: AppError;
  /** When the error arrived (ms since epoch): the Retry-After wait counts from it. */
  at: number;
  /** "Retry", or what is retried ("Retry the profile"). */
  label: string;
  variant: ButtonProps['variant'];
  onRetry: () => void;
}

export function RetryButton({ error, at, label, variant, onRetry }: RetryButtonProps) {
  const retryAfterMs = 'retryAfterMs' in error ? error.retryAfterMs : null;
  const secondsLeft = useSecondsLeft(at + (retryAfterMs ?? 0));
  return (
    <Button size="xs" variant={variant} onClick={onRetry} disabled={secondsLeft > 0}>
      {secondsLeft > 0 ? `${label} in ${secondsLeft} s` : label}
    </Button>
  );
}
