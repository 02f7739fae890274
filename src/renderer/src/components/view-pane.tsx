/**
 * One of the window's views (Look up, Batch). A view not shown stays mounted, so nothing typed or shown is
 * lost, and is hidden with `content-visibility: hidden`: like `display: none` it is not drawn, focused,
 * found or read out, but the browser keeps its layout, so showing it again does not lay out anew a field
 * of 10,000 pasted IDs.
 */
import type { CSSProperties, ReactNode } from 'react';

const HIDDEN: CSSProperties = { contentVisibility: 'hidden' };

export function ViewPane({ name, shown, children }: { name: string; shown: boolean; children: ReactNode }) {
  return (
    <div data-view={name} style={shown ? undefined : HIDDEN}>
      {children}
    </div>
  );
}
