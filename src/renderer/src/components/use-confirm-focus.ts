/**
 * Focus for a question that takes the place of the button that asked it ("Remove" → "Remove …? Remove /
 * Keep it"): the button goes, and focus with it, to the page's body, where a keyboard or a screen reader
 * loses its place. While the question shows, focus is on its safe answer ("Keep it": a second Enter removes
 * nothing); once kept, focus goes back to the button that asked.
 */
import { useCallback, useEffect, useRef } from 'react';

export function useConfirmFocus(confirming: boolean, setConfirming: (confirming: boolean) => void) {
  /** The button that asks the question. */
  const triggerRef = useRef<HTMLButtonElement>(null);
  /** The question's safe answer. */
  const safeRef = useRef<HTMLButtonElement>(null);
  const back = useRef(false);
  useEffect(() => {
    if (confirming) safeRef.current?.focus();
    else if (back.current) triggerRef.current?.focus();
    back.current = false;
  }, [confirming]);
  /** The safe answer: the question goes, and focus goes back to the button that asked. */
  const keep = useCallback(() => {
    back.current = true;
    setConfirming(false);
  }, [setConfirming]);
  return { triggerRef, safeRef, keep };
}
