/**
 * A failed lookup as a banner (role="alert"): what happened, Adapty's own
 * message and codes, the request ID, and the action that helps. After a 429
 * the Retry button waits out Retry-After.
 */
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { AppError } from '../../../../shared/errors';
import { ID_TYPE_LABELS, type IdType } from '../../../../shared/input-rules';
import { ErrorFacts } from '../../components/error-facts';
import { RetryButton } from '../../components/retry-button';
import type { SettingsTarget } from '../settings/settings-drawer';
import { adviceFor, keyActionLabel } from './error-advice';

interface ErrorBannerProps {
  error: AppError;
  /** When the error arrived (ms since epoch): the Retry-After wait counts from it. */
  at: number;
  /** not_found: the type to search the same text as instead; null when there is none to try (after Auto). */
  otherIdType: IdType | null;
  onRetry: () => void;
  /** Opens the settings at the field that helps: the key, or the timeout. */
  onOpenSettings: (target: SettingsTarget) => void;
  /** Runs the search again, as `idType`. */
  onSearchAs: (idType: IdType) => void;
  onDismiss: () => void;
}

export function ErrorBanner({ error, at, otherIdType, onRetry, onOpenSettings, onSearchAs, onDismiss }: ErrorBannerProps) {
  const advice = adviceFor(error);
  return (
    <Alert
      variant="light"
      color={error.kind === 'rate_limited' || error.kind === 'not_found' ? 'orange' : 'red'}
      title={advice.title}
      icon={<IconAlertCircle />}
      withCloseButton
      closeButtonLabel="Dismiss error"
      onClose={onDismiss}
      role="alert"
      data-error-kind={error.kind}
    >
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        <ErrorFacts error={error} />
        {advice.action && (advice.action !== 'switch-id-type' || otherIdType) && (
          <Group gap="xs">
            {advice.action === 'open-settings' && (
              <Button size="xs" onClick={() => onOpenSettings('key')}>{keyActionLabel(error)}</Button>
            )}
            {advice.action === 'switch-id-type' && otherIdType && (
              <Button size="xs" variant="light" onClick={() => onSearchAs(otherIdType)}>
                Search by {ID_TYPE_LABELS[otherIdType]} instead
              </Button>
            )}
            {advice.action === 'retry' && <RetryButton error={error} at={at} label="Retry" variant="light" onRetry={onRetry} />}
            {error.kind === 'timeout' && <Button size="xs" variant="subtle" onClick={() => onOpenSettings('timeout')}>Change the timeout</Button>}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
