/**
 * A drawer (settings, history) whose header is not a second banner landmark:
 * Mantine's Drawer renders its header as <header>, which assistive technology
 * lists beside the window's own; here it is a plain element inside the dialog.
 */
import { Drawer } from '@mantine/core';
import type { ReactNode } from 'react';

/** The panels' widths in px (Mantine's drawer sizes): the notifications keep out of the way of an open one (main.tsx). */
export const SIDE_PANEL_WIDTHS = { md: 440, lg: 620, xl: 780 } as const;

interface SidePanelProps {
  opened: boolean;
  onClose: () => void;
  position: 'left' | 'right';
  title: string;
  closeLabel: string;
  size?: keyof typeof SIDE_PANEL_WIDTHS;
  /** Once the panel has slid in. */
  onEntered?: () => void;
  children: ReactNode;
}

export function SidePanel({ opened, onClose, position, title, closeLabel, size = 'md', onEntered, children }: SidePanelProps) {
  return (
    <Drawer.Root opened={opened} onClose={onClose} position={position} size={SIDE_PANEL_WIDTHS[size]} onEnterTransitionEnd={onEntered}>
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header component="div">
          <Drawer.Title>{title}</Drawer.Title>
          <Drawer.CloseButton aria-label={closeLabel} />
        </Drawer.Header>
        <Drawer.Body>{children}</Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
