/**
 * A copy button that says "Copied" only after the clipboard write succeeded,
 * and says so when it failed. Its accessible name stays "Copy <what>"; the
 * outcome is shown in a tooltip and announced through a status region.
 */
import { ActionIcon, Button, Tooltip, VisuallyHidden } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { useEffect } from 'react';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

interface CopyButtonProps {
  value: string;
  /** What is copied, for the accessible name: "AppsFlyer network user ID" gives "Copy AppsFlyer network user ID". */
  what: string;
  /** Show a labelled button instead of an icon. */
  label?: string;
}

export function CopyButton({ value, what, label }: CopyButtonProps) {
  const clipboard = useClipboard({ timeout: 1500 });
  const { error, reset } = clipboard;
  // A failure is said for a few seconds, then the button is ready again (a success resets itself).
  useEffect(() => {
    if (!error) return undefined;
    const timer = setTimeout(reset, 4000);
    return () => clearTimeout(timer);
  }, [error, reset]);
  const state = clipboard.error ? 'failed' : clipboard.copied ? 'copied' : 'idle';
  const outcome = { failed: 'Copy failed: the clipboard is not available', copied: 'Copied', idle: '' }[state];
  const icon = { failed: <IconAlertTriangle size={16} />, copied: <IconCheck size={16} />, idle: <IconCopy size={16} /> }[state];
  const color = { failed: 'red', copied: 'teal', idle: 'gray' }[state];
  const copy = () => {
    clipboard.reset();
    clipboard.copy(value);
  };
  // A labelled button's accessible name is its visible label (WCAG 2.5.3); an icon's says what it copies.
  const name = label ?? `Copy ${what}`;
  const status = <VisuallyHidden role="status">{outcome}</VisuallyHidden>;
  if (label) {
    // Beside a long line (a URL in the request details) a flex row would shrink the button and clip its
    // label ("Copy as cu"): the button keeps the width of its label, and the line beside it wraps instead.
    return (
      <>
        <Button
          variant="default"
          size="xs"
          leftSection={icon}
          c={state === 'idle' ? undefined : color}
          onClick={copy}
          aria-label={name}
          data-copy-state={state}
          style={{ flexShrink: 0 }}
        >
          {state === 'failed' ? 'Copy failed' : state === 'copied' ? 'Copied' : label}
        </Button>
        {status}
      </>
    );
  }
  return (
    <>
      <Tooltip label={outcome || name} withArrow position="left" opened={state === 'idle' ? undefined : true}>
        <ActionIcon variant="subtle" color={color} onClick={copy} aria-label={name} data-copy-state={state}>
          {icon}
        </ActionIcon>
      </Tooltip>
      {status}
    </>
  );
}
