/**
 * Batch lookups: IDs in (pasted, or from a file), a run in main with its progress, and a row per ID to
 * read, export or run again. The pasted text is the person's: nothing here clears it, so a start that
 * fails (no key, say) loses nothing. What runs is main's; this view shows it and asks for changes.
 */
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconJson, IconRefresh, IconX } from '@tabler/icons-react';
import { useId, useMemo, useRef, useState } from 'react';
import { batchIds, columnOf, failuresByKind, linesOf, type BatchExportFormat } from '../../../../shared/batch';
import type { Connection } from '../../../../shared/connections';
import type { AppError, LookupError } from '../../../../shared/errors';
import { MAX_LOOKUP_ID_MESSAGE_LENGTH, type IdChoice } from '../../../../shared/input-rules';
import { call } from '../../api';
import { ErrorFacts } from '../../components/error-facts';
import { adviceFor, keyActionLabel } from '../lookup/error-advice';
import { failuresText, idCountLine, idsProblem } from '../../../../shared/batch-text';
import { outcomeLabel } from '../../../../shared/history';
import { BatchInput, type OpenedFile } from './batch-input';
import { BatchProgress } from './batch-progress';
import { BatchTable } from './batch-table';
import { useBatch } from './use-batch';

interface BatchPanelProps {
  /** The active connection: a batch runs through the one active when it starts. */
  connection: Connection;
  onOpenSettings: () => void;
}

/** The IDs of an opened file as lines of the field: the chosen column, without the header. */
const linesOfColumn = ({ file, column, header }: OpenedFile) => columnOf({ rows: file.rows, header }, column);

/** What a banner shows: an error from main, or a file main could read no IDs from. */
type Problem = AppError | LookupError | { kind: 'file_unreadable'; message: string };

function ProblemBanner({ error, title, onOpenSettings, onDismiss, testId }: { error: Problem; title: string; onOpenSettings: () => void; onDismiss?: () => void; testId: string }) {
  // A batch stopped by a refused key ends with the refusal itself (handlers/batch.ts): kind unauthorized.
  const keyProblem = error.kind !== 'file_unreadable' && adviceFor(error).action === 'open-settings';
  return (
    <Alert role="alert" color="red" variant="light" title={title} data-testid={testId} data-error-kind={error.kind} withCloseButton={Boolean(onDismiss)} closeButtonLabel="Dismiss error" onClose={onDismiss}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message}</Text>
        <ErrorFacts error={error} />
        {keyProblem && (
          <Button size="xs" onClick={onOpenSettings}>
            {keyActionLabel(error)}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function BatchPanel({ connection, onOpenSettings }: BatchPanelProps) {
  const [text, setText] = useState('');
  const [idType, setIdType] = useState<IdChoice>('auto');
  const [opened, setOpened] = useState<OpenedFile | null>(null);
  const [tried, setTried] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<{ title: string; error: Problem } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const idsField = useRef<HTMLTextAreaElement>(null);
  /** A start or rerun asked of main and not yet answered: a double press asks once. */
  const asking = useRef(false);
  const { state, rows, refresh } = useBatch();
  const parsed = useMemo(() => batchIds(linesOf(text), idType), [text, idType]);
  const problem = idsProblem(parsed);
  const running = state?.running ?? false;
  const hasBatch = (state?.batch ?? 0) > 0;
  const failures = useMemo(() => (running ? [] : failuresByKind(rows)), [rows, running]);
  // A file written during a run would hold rows still pending: export waits for what a run ended with.
  const exportHint = useId();
  const exportButton = { variant: 'default', disabled: running, 'aria-describedby': running ? exportHint : undefined } as const;

  function applyOpened(next: OpenedFile) {
    setOpened(next);
    setText(linesOfColumn(next).join('\n'));
  }

  async function openFile() {
    const answer = await call('openIdFile');
    if (!answer.ok) return setError({ title: 'The file could not be opened', error: answer.error });
    const file = answer.value;
    if (file === null) return undefined;
    if (file.kind === 'unreadable') return setError({ title: 'The file could not be opened', error: { kind: 'file_unreadable', message: file.message } });
    setError(null);
    applyOpened({ file, column: file.column, header: file.header });
    return undefined;
  }

  async function start() {
    // Ctrl+Enter held down, or pressed twice: one batch.
    if (running || asking.current) return;
    setTried(true);
    if (problem) return;
    asking.current = true;
    setStarting(true);
    setError(null);
    // An ID longer than this is invalid however it is cut; its row says so.
    const ids = parsed.ids.map((id) => id.slice(0, MAX_LOOKUP_ID_MESSAGE_LENGTH));
    const answer = await call('startBatch', { ids, idType, connectionId: connection.id });
    asking.current = false;
    setStarting(false);
    if (!answer.ok) return setError({ title: `The batch did not start (${adviceFor(answer.error).title})`, error: answer.error });
    setTried(false);
    setSaved(null);
    void refresh();
    return undefined;
  }

  async function cancel() {
    // The Cancel button goes away with the run: focus goes back to the field, as after a lookup's Cancel.
    idsField.current?.focus();
    await call('cancelBatch');
    void refresh();
  }

  async function rerunFailed() {
    if (asking.current) return undefined;
    asking.current = true;
    setError(null);
    try {
      const answer = await call('rerunFailed');
      if (!answer.ok) return setError({ title: 'The failed rows did not run again', error: answer.error });
      // The file written before holds the rows as they were.
      setSaved(null);
      void refresh();
      return undefined;
    } finally {
      asking.current = false;
    }
  }

  async function exportAs(format: BatchExportFormat) {
    const answer = await call('exportBatch', { format });
    if (!answer.ok) return setError({ title: 'The rows could not be exported', error: answer.error });
    if (answer.value === null) return undefined;
    setSaved(answer.value.path);
    notifications.show({ color: 'teal', title: 'Exported', message: `The rows are in ${answer.value.path}.` });
    return undefined;
  }

  return (
    <Stack
      gap="md"
      data-testid="batch-panel"
      // Escape anywhere in the view cancels a running batch, as it cancels a lookup.
      onKeyDown={(event) => {
        // Escape in a list (the ID type's) closes that list, not the batch.
        if (event.key !== 'Escape' || !running || (event.target as HTMLElement).tagName === 'SELECT') return;
        event.preventDefault();
        void cancel();
      }}
    >
      <Title order={2} size="h4">Batch lookup</Title>
      <BatchInput
        text={text}
        onTextChange={setText}
        idType={idType}
        onIdTypeChange={setIdType}
        countLine={idCountLine(parsed)}
        error={problem && (tried || parsed.ids.length > 0) ? problem : null}
        opened={opened}
        onOpenedChange={applyOpened}
        onOpenFile={() => void openFile()}
        onStart={() => void start()}
        ref={idsField}
        running={running}
        starting={starting}
      />
      {error && <ProblemBanner error={error.error} title={error.title} onOpenSettings={onOpenSettings} onDismiss={() => setError(null)} testId="batch-error" />}
      {state?.stopped && <ProblemBanner error={state.stopped} title="The batch stopped" onOpenSettings={onOpenSettings} testId="batch-stopped" />}
      {hasBatch && state && (
        <Stack gap="sm">
          <BatchProgress progress={state.progress} running={running} />
          <Group gap="xs">
            {running && (
              <Button variant="default" leftSection={<IconX size={16} />} onClick={() => void cancel()} title="Cancel the batch (Esc); the rows that finished stay">
                Cancel
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => void rerunFailed()}
              disabled={running || state.progress.failed + state.progress.cancelled === 0}
              title="Run the rows that failed or were cancelled again"
            >
              Rerun failed
            </Button>
            <Button {...exportButton} leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportAs('csv')}>
              Export CSV
            </Button>
            <Button {...exportButton} leftSection={<IconJson size={16} />} onClick={() => void exportAs('json')}>
              Export JSON
            </Button>
            {/* Said on screen, not in a tooltip: a disabled button takes no focus, so its title reaches no keyboard. */}
            {running && (
              <Text size="sm" c="dimmed" id={exportHint}>
                Export once the batch has ended, or cancel it first.
              </Text>
            )}
          </Group>
          {failures.length > 0 && (
            <Text size="sm" data-testid="batch-failures">
              Did not succeed: {failuresText(failures, outcomeLabel)}
            </Text>
          )}
          {saved && (
            <Text size="sm" data-testid="batch-saved">
              Exported to {saved}
            </Text>
          )}
          <BatchTable rows={rows} />
        </Stack>
      )}
    </Stack>
  );
}
