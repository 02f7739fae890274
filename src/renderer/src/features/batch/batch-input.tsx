/**
 * What a batch looks up: IDs pasted one per line, or a file opened through main's dialog (a .txt, or a
 * column of a .csv, whose IDs then fill the field), and the ID type. Ctrl/⌘+Enter in the field starts it.
 */
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { IconFileImport, IconPlayerPlay } from '@tabler/icons-react';
import type { IdFile } from '../../../../shared/batch';
import { ID_CHOICE_LABELS, ID_CHOICES, type IdChoice } from '../../../../shared/input-rules';
import type { Ref } from 'react';

/** A CSV the person opened: its table, the column that holds the IDs, whether its first row is a header. */
export interface OpenedFile {
  file: Extract<IdFile, { kind: 'table' }>;
  column: number;
  header: boolean;
}

interface BatchInputProps {
  text: string;
  onTextChange: (text: string) => void;
  idType: IdChoice;
  onIdTypeChange: (idType: IdChoice) => void;
  /** "N IDs (M duplicates, K blank lines skipped)". */
  countLine: string;
  /** Why Start cannot go ahead, shown once Start was tried (or at once for too many IDs). */
  error: string | null;
  opened: OpenedFile | null;
  onOpenedChange: (opened: OpenedFile) => void;
  onOpenFile: () => void;
  onStart: () => void;
  /** The field of IDs, for focus to come back to. */
  ref?: Ref<HTMLTextAreaElement>;
  running: boolean;
  starting: boolean;
}

/** The column names of a table: its header's cells, or "Column 1", "Column 2"… */
function columnNames({ file, header }: OpenedFile): string[] {
  const width = Math.max(0, ...file.rows.slice(0, 50).map((row) => row.length));
  return Array.from({ length: width }, (_, index) => {
    const name = header ? (file.rows[0]?.[index] ?? '').trim() : '';
    return name ? `${name} (column ${index + 1})` : `Column ${index + 1}`;
  });
}

export function BatchInput(props: BatchInputProps) {
  const { text, idType, opened, running, starting, ref } = props;
  const columns = opened ? columnNames(opened) : [];
  return (
    <form
      aria-label="Batch lookup"
      onSubmit={(event) => {
        event.preventDefault();
        props.onStart();
      }}
    >
      <Stack gap="sm">
        <Textarea
          ref={ref}
          label="IDs to look up, one per line"
          description={props.countLine}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          placeholder={'user-1\nuser-2\n3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10'}
          value={text}
          onChange={(event) => props.onTextChange(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              props.onStart();
            }
          }}
          error={props.error}
          // A fixed height (the person may drag it taller): autosize measures the whole text on every render,
          // which with 10,000 lines costs a third of a second each time.
          rows={6}
          resize="vertical"
          // One ID a line, as the label says: a long one scrolls sideways, never wraps into what reads as two.
          wrap="off"
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {opened && (
          <Stack gap={6} data-testid="opened-file">
            {opened.file.truncated && (
              <Alert color="orange" variant="light" title="Only part of the file was read">
                {opened.file.fileName} holds more rows, columns or longer cells than a batch takes; what was left out is not in the field.
              </Alert>
            )}
            {columns.length > 1 && (
              <Group gap="md" align="flex-end">
                <NativeSelect
                  label={`Column of ${opened.file.fileName} with the IDs`}
                  value={String(opened.column)}
                  onChange={(event) => props.onOpenedChange({ ...opened, column: Number(event.currentTarget.value) })}
                  data={columns.map((label, index) => ({ value: String(index), label }))}
                  style={{ minWidth: 240 }}
                />
                <Checkbox
                  label="First row is a header"
                  checked={opened.header}
                  onChange={(event) => props.onOpenedChange({ ...opened, header: event.currentTarget.checked })}
                  mb={8}
                />
              </Group>
            )}
            {columns.length <= 1 && <Text size="sm">IDs from {opened.file.fileName}.</Text>}
          </Stack>
        )}
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label="ID type"
            value={idType}
            onChange={(event) => props.onIdTypeChange(event.currentTarget.value as IdChoice)}
            data={ID_CHOICES.map((value) => ({ value, label: ID_CHOICE_LABELS[value] }))}
          />
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={props.onOpenFile} disabled={running}>
            Open file…
          </Button>
          <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={starting} disabled={running}>
            Start
          </Button>
          <Text size="sm" mb={8}>Ctrl/⌘ + Enter in the field starts too.</Text>
        </Group>
      </Stack>
    </form>
  );
}
