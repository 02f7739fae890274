/**
 * Set, test, replace or remove the secret key. The key goes to main once, on
 * save, and the field is emptied when main has stored it; a failed save keeps
 * both what was typed and the key in force. A saved key is tested with one
 * call at once, and the result is said in plain words: an untested or
 * refused key is never announced as a green "saved". When the keychain cannot be used,
 * the key can be kept for this session only. The demo's key is its sample
 * server's own: it is said so, and only tested (main refuses any other change).
 */
import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLock } from '@tabler/icons-react';
import { useState, type RefObject } from 'react';
import type { AppError } from '../../../../shared/errors';
import { checkApiKey } from '../../../../shared/input-rules';
import type { KeyStatus } from '../../../../shared/key-status';
import { call } from '../../api';
import { useConfirmFocus } from '../../components/use-confirm-focus';

interface KeySectionProps {
  /** The connection whose key this is (the active one). */
  connectionName: string;
  /** The demo connection: its key is the sample server's, neither replaced nor removed. */
  demo: boolean;
  status: KeyStatus;
  onStatus: (status: KeyStatus) => void;
  /** Set when the panel is opened for the key: the key field takes focus. */
  fieldRef?: RefObject<HTMLInputElement | null>;
}

type TestOutcome = { ok: true; requestId: string | null } | { ok: false; error: AppError } | null;

function describe(status: KeyStatus, demo: boolean): string {
  if (demo) return "The sample server's own key, kept for this session only. It is the only key that server accepts, so it cannot be replaced or removed here.";
  if (!status.configured) return 'No key is set.';
  const ending = status.hint ? `A key ending in ${status.hint}` : 'A key';
  return status.storage === 'session'
    ? `${ending} is kept for this session only: it is forgotten when the app quits.`
    : `${ending} is saved in the OS keychain.`;
}

export function KeySection({ connectionName, demo, status, onStatus, fieldRef }: KeySectionProps) {
  const [draft, setDraft] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'session' | 'test' | 'remove' | null>(null);
  const [test, setTest] = useState<TestOutcome>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const { triggerRef: removeKeyRef, safeRef: keepKeyRef, keep: keepKey } = useConfirmFocus(confirmRemove, setConfirmRemove);
  const problem = status.keychainProblem;

  async function save(sessionOnly: boolean) {
    const check = checkApiKey(draft);
    if (!check.ok) {
      setFieldError(check.error.message);
      return;
    }
    setBusy(sessionOnly ? 'session' : 'save');
    const outcome = await call('saveKey', { key: draft, sessionOnly });
    setBusy(null);
    if (!outcome.ok) {
      if (outcome.error.kind === 'keychain_unavailable') {
        setFieldError('Not saved: the keychain cannot be used (see above). The key you typed is still here.');
        onStatus({ ...status, keychainProblem: outcome.error });
      } else {
        setFieldError(outcome.error.message);
      }
      return;
    }
    setDraft('');
    setFieldError(null);
    onStatus(outcome.value);
    // A saved key is tested at once: only a key Adapty accepted is announced in green.
    const where = sessionOnly ? 'Kept for this session only' : 'Stored in the OS keychain';
    const tested = await runTest();
    if (tested?.ok) notifications.show({ color: 'teal', title: 'Key saved and working', message: `${where}; Adapty accepted it.` });
    else if (tested?.error.kind === 'unauthorized') {
      notifications.show({ color: 'red', title: 'Key saved, but Adapty did not accept it', message: `${where}. Check that it is this app's secret key.` });
    } else notifications.show({ color: 'yellow', title: 'Key saved, not tested', message: `${where}. ${tested?.error.message ?? ''}`.trim() });
  }

  async function runTest(): Promise<TestOutcome> {
    setBusy('test');
    setTest(null);
    const outcome = await call('testKey');
    setBusy(null);
    const result: TestOutcome = outcome.ok ? { ok: true, requestId: outcome.value.requestId } : { ok: false, error: outcome.error };
    setTest(result);
    return result;
  }

  async function remove() {
    setBusy('remove');
    const outcome = await call('removeKey');
    setBusy(null);
    setConfirmRemove(false);
    setTest(null);
    if (!outcome.ok) {
      setFieldError(outcome.error.message);
      // Part of the removal may have happened (a session key is gone even when the keychain failed).
      const now = await call('getKeyStatus');
      if (now.ok) onStatus(now.value);
      return;
    }
    onStatus(outcome.value);
    notifications.show({ color: 'gray', title: 'Key removed', message: 'Add a key to look up profiles again.' });
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="key-section-title">
      <Title order={3} size="h5" id="key-section-title">Secret API key of {connectionName}</Title>
      <Text size="sm" data-testid="key-status-text" id="key-status-text">{describe(status, demo)}</Text>
      {demo && <Text size="sm">To look up your own app's users, add a connection for it above and save its key there.</Text>}
      {problem && !demo && (
        <Alert color="yellow" variant="light" icon={<IconLock />} title="The OS keychain cannot be used">
          <Text size="sm">{problem.message}</Text>
          <Text size="sm" mt={4}>A session-only key stays in the app's memory and is forgotten when the app quits.</Text>
        </Alert>
      )}
      {/* The demo's key is the only one its server accepts: nothing here may replace it. */}
      {!demo && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save(false);
          }}
        >
          <Stack gap="xs">
            <PasswordInput
              ref={fieldRef}
              data-autofocus={fieldRef ? true : undefined}
              label={status.configured ? 'Replace with a new key' : 'Secret API key'}
              description="Adapty dashboard → App settings → General → API keys. It is never shown again after saving."
              placeholder="secret_live_…"
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              autoComplete="off"
              spellCheck={false}
              leftSection={<IconKey size={16} />}
              visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the key' }}
            />
            <Group gap="xs">
              <Button type="submit" loading={busy === 'save'} disabled={draft === '' || busy !== null}>
                Save key
              </Button>
              {problem && (
                <Button variant="light" color="yellow" loading={busy === 'session'} disabled={draft === '' || busy !== null} onClick={() => void save(true)}>
                  Keep for this session only
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
      {status.configured && (
        <Group gap="xs">
          {/* Opened for the demo's key (its header badge), focus lands here, with what the key is as its description. */}
          <Button
            variant="default"
            onClick={() => void runTest()}
            loading={busy === 'test'}
            disabled={busy !== null && busy !== 'test'}
            data-autofocus={demo && fieldRef ? true : undefined}
            aria-describedby={demo ? 'key-status-text' : undefined}
          >
            Test key
          </Button>
          {!demo && (!confirmRemove ? (
            <Button ref={removeKeyRef} variant="subtle" color="red" onClick={() => setConfirmRemove(true)} disabled={busy !== null}>
              Remove key
            </Button>
          ) : (
            <Group gap={6}>
              <Text size="sm">Remove the key?</Text>
              <Button color="red" size="xs" onClick={() => void remove()} loading={busy === 'remove'}>
                Remove
              </Button>
              <Button ref={keepKeyRef} variant="default" size="xs" onClick={keepKey}>
                Keep it
              </Button>
            </Group>
          ))}
        </Group>
      )}
      {test && (
        <Alert
          role={test.ok ? 'status' : 'alert'}
          color={test.ok ? 'teal' : 'red'}
          variant="light"
          title={test.ok ? 'The key works' : test.error.kind === 'unauthorized' ? 'The key is wrong' : 'The key could not be tested'}
        >
          <Text size="sm">
            {test.ok
              ? `${demo ? 'The sample server' : 'Adapty'} accepted it (a lookup of a random profile ID was answered "not found", as expected).${test.requestId ? ` Request ID: ${test.requestId}.` : ''}`
              : test.error.message}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
