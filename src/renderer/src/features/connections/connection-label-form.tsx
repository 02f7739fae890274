/** Name and colour of a connection: the form that adds one, and the one that renames the active one. */
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { checkConnectionName, CONNECTION_COLOURS, type Connection, type ConnectionColour, type ConnectionLabel } from '../../../../shared/connections';
import type { AppError } from '../../../../shared/errors';
import type { Result } from '../../../../shared/result';
import { ConnectionDot } from './connection-colour';

interface ConnectionLabelFormProps {
  initial: ConnectionLabel;
  /** The other connections: a name must differ from theirs. */
  others: readonly Connection[];
  submitLabel: string;
  /** Field names get an id prefix so two forms can be on screen at once. */
  idPrefix: string;
  onSubmit: (label: ConnectionLabel) => Promise<Result<unknown, AppError>>;
  onCancel?: () => void;
}

const COLOUR_OPTIONS = CONNECTION_COLOURS.map((colour) => ({ value: colour, label: colour[0]!.toUpperCase() + colour.slice(1) }));

export function ConnectionLabelForm({ initial, others, submitLabel, idPrefix, onSubmit, onCancel }: ConnectionLabelFormProps) {
  const [name, setName] = useState(initial.name);
  const [colour, setColour] = useState<ConnectionColour>(initial.colour);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit() {
    const checked = checkConnectionName(name, others);
    if (!checked.ok) {
      setError(checked.error.message);
      return;
    }
    setSaving(true);
    const outcome = await onSubmit({ name: checked.value, colour });
    setSaving(false);
    // A refused name stays in the field, with main's reason.
    if (!outcome.ok) setError(outcome.error.message);
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          id={`${idPrefix}-name`}
          label="Name"
          placeholder="Acme production"
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="off"
          spellCheck={false}
          style={{ flex: '1 1 180px' }}
        />
        <Select
          id={`${idPrefix}-colour`}
          label="Colour"
          data={COLOUR_OPTIONS}
          value={colour}
          onChange={(value) => value && setColour(value as ConnectionColour)}
          allowDeselect={false}
          leftSection={<ConnectionDot colour={colour} />}
          renderOption={({ option }) => (
            <Group gap="xs" wrap="nowrap">
              <ConnectionDot colour={option.value as ConnectionColour} />
              {option.label}
            </Group>
          )}
          w={130}
        />
      </Group>
      <Group gap="xs" mt="xs">
        <Button type="submit" variant="default" loading={saving}>{submitLabel}</Button>
        {onCancel && <Button variant="subtle" onClick={onCancel} disabled={saving}>Cancel</Button>}
      </Group>
    </form>
  );
}
