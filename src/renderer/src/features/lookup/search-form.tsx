/**
 * The search: ID type, one input, Enter or the button to look up, Escape to
 * cancel. Validation uses the client's own rules and never changes what was
 * typed.
 */
import { Button, Group, Kbd, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import type { RefObject } from 'react';
import { checkLookupId, ID_TYPE_LABELS, ID_TYPES, type IdType } from '../../../../shared/input-rules';

interface SearchFormProps {
  idType: IdType;
  text: string;
  /** Show the rule a non-empty entry breaks even before a search is tried. */
  showErrors: boolean;
  loading: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onIdTypeChange: (idType: IdType) => void;
  onTextChange: (text: string) => void;
  onSearch: () => void;
  onCancel: () => void;
}

const PLACEHOLDERS: Record<IdType, string> = {
  customer_user_id: 'Your app’s user ID, e.g. john@example.com',
  profile_id: 'Adapty ID, e.g. 3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10',
};

export function SearchForm(props: SearchFormProps) {
  const { idType, text, showErrors, loading, inputRef } = props;
  const check = checkLookupId(idType, text);
  // A bad character is worth saying at once; "not a UUID yet" only once a search was tried.
  const error = !check.ok && (showErrors || (text.trim() !== '' && check.error.position !== null)) ? check.error.message : null;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onSearch();
      }}
      aria-label="Look up a profile"
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="ID type"
          value={idType}
          onChange={(value) => props.onIdTypeChange(value as IdType)}
          data={ID_TYPES.map((value) => ({ value, label: ID_TYPE_LABELS[value] }))}
          mt={25}
        />
        <TextInput
          ref={inputRef}
          label={ID_TYPE_LABELS[idType]}
          placeholder={PLACEHOLDERS[idType]}
          value={text}
          onChange={(event) => props.onTextChange(event.currentTarget.value)}
          error={error}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          data-autofocus
          style={{ flex: 1, minWidth: 260 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          rightSection={<Kbd size="xs">↵</Kbd>}
          rightSectionPointerEvents="none"
        />
        <Group gap="xs" mt={25}>
          {/* Never disabled while loading: Enter must start a new search, which cancels the old one. */}
          <Button type="submit" leftSection={<IconSearch size={16} />}>
            Look up
          </Button>
          {loading && (
            <Button variant="default" onClick={props.onCancel} leftSection={<IconX size={16} />}>
              Cancel
            </Button>
          )}
        </Group>
      </Group>
    </form>
  );
}
