/** A connection's colour, the same everywhere it is shown: a small swatch, or a coloured edge; and the demo's mark. */
import { Badge, ColorSwatch } from '@mantine/core';
import type { ConnectionColour } from '../../../../shared/connections';

export function colourVar(colour: ConnectionColour): string {
  return `var(--mantine-color-${colour}-6)`;
}

/** The mark of the demo connection, beside its name. */
export function DemoBadge() {
  return <Badge size="xs" color="pink" variant="light" ml={6} style={{ flexShrink: 0 }}>demo</Badge>;
}

export function ConnectionDot({ colour, size = 12 }: { colour: ConnectionColour; size?: number }) {
  return <ColorSwatch color={colourVar(colour)} size={size} withShadow={false} aria-hidden="true" />;
}
