/** A connection's colour as a small swatch, the same everywhere it is shown. */
import { ColorSwatch } from '@mantine/core';
import type { ConnectionColour } from '../../../../shared/connections';

export function colourVar(colour: ConnectionColour): string {
  return `var(--mantine-color-${colour}-6)`;
}

export function ConnectionDot({ colour, size = 12 }: { colour: ConnectionColour; size?: number }) {
  return <ColorSwatch color={colourVar(colour)} size={size} withShadow={false} aria-hidden="true" />;
}
