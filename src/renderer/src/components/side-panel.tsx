/**
 * A drawer (settings, history) whose header is not a second banner landmark:
 * Mantine's Drawer renders its header as <header>, which assistive technology
 * lists beside the window's own; here it is a plain element inside the dialog.
 */
import { Drawer } from '@mantine/core';
import type { ReactNode } from 'react';

interface SidePanelProps {
  opened: boolean;
  onClose: () => void;
  position: 'left' | 'right';
  title: string;
  closeLabel: string;
  size?: 'md' | 'lg' | 'xl';
  /** Once the panel has slid in. */
  onEntered?: () => void;
  children: ReactNode;
}

export function SidePanel({ opened, onClose, position, title, closeLabel, size = 'md', onEntered, children }: SidePanelProps) {
  return (
    <Drawer.Root opened={opened} onClose={onClose} position={position} size={size} onEnterTransitionEnd={onEntered}>
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
