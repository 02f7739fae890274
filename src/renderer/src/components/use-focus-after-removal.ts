/**
 * Focus after an item of a list is removed: its row goes, and the button pressed goes with it, so focus
 * would fall to the page's body, where a keyboard or a screen reader loses its place (Tab starts again at
 * the top of the window). As a desktop list does after a delete (a mail client selects the next message),
 * focus goes to the same control in the item that took the removed one's place: the next one, or the one
 * before when the last was removed. The person stays where they were and can go on (Remove asks first,
 * so a second Enter removes nothing). When that item has no such control (the only one left cannot be
 * removed), focus goes to the list's heading: it stays in the same panel, and a screen reader says where.
 */
import { useEffect, useRef } from 'react';

export function useFocusAfterRemoval(ids: readonly string[]) {
  /** Each item's control, by id. */
  const controls = useRef(new Map<string, HTMLElement>());
  /** The list's heading (give it tabIndex={-1}: it takes focus only from here). */
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Where the item being removed was in the list, until the list without it is on screen. */
  const removed = useRef<{ id: string; index: number } | null>(null);

  useEffect(() => {
    const was = removed.current;
    if (was === null || ids.includes(was.id)) return;
    removed.current = null;
    // Focus that went elsewhere meanwhile (a click while main removed it) stays there.
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const next = ids[Math.min(was.index, ids.length - 1)];
    const control = next === undefined ? undefined : controls.current.get(next);
    (control ?? headingRef.current)?.focus();
  });

  return {
    headingRef,
    /** The ref of an item's control: the one that takes focus when the item before it is removed. */
    controlRef: (id: string) => (element: HTMLElement | null) => {
      if (element) controls.current.set(id, element);
      else controls.current.delete(id);
    },
    /** Call before the list without `id` is shown. */
    removing: (id: string) => {
      removed.current = { id, index: ids.indexOf(id) };
    },
  };
}
