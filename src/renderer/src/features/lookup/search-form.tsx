/**
 * The search: ID type (Auto by default), one input, Enter or the button to look
 * up, Escape to cancel. Validation uses the client's own rules and never changes
 * what was typed; a paste arrives without the spaces, quotes and invisible
 * characters around it (trimId), and so does a search.
 */
import { Button, Group, Kbd, SegmentedControl, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import type { ClipboardEvent, RefObject } from 'react';
import { checkLookupId, ID_CHOICE_LABELS, ID_CHOICES, ID_TYPE_LABELS, trimId, type IdChoice } from '../../../../shared/input-rules';

interface SearchFormProps {
  idType: IdChoice;
  text: string;
  /** Show the rule a non-empty entry breaks even before a search is tried. */
  showErrors: boolean;
  loading: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  onIdTypeChange: (idType: IdChoice) => void;
  onTextChange: (text: string) => void;
  onSearch: () => void;
  onCancel: () => void;
}

/** The field's label, which is also its accessible name. */
export const FIELD_LABELS: Record<IdChoice, string> = { auto: 'Customer user ID or profile ID', ...ID_TYPE_LABELS };

const PLACEHOLDERS: Record<IdChoice, string> = {
  auto: 'Your app’s user ID or an Adapty ID (UUID)',
  customer_user_id: 'Your app’s user ID, e.g. john@example.com',
  profile_id: 'Adapty ID, e.g. 3e1b0c1a-5b7d-4d2e-9c1f-0a6b2d4e8f10',
};

const AUTO_DESCRIPTION = 'Auto: a UUID is tried as a profile ID first, then as a customer user ID; anything else is a customer user ID.';

/** A paste without what surrounds the ID, put where the selection was; the caret goes after it. */
function pasteTrimmed(event: ClipboardEvent<HTMLInputElement>, text: string, onTextChange: (text: string) => void) {
  const pasted = event.clipboardData.getData('text/plain');
  const clean = trimId(pasted);
  if (clean === pasted) return;
  event.preventDefault();
  const input = event.currentTarget;
  const start = input.selectionStart ?? text.length;
  const end = input.selectionEnd ?? text.length;
  onTextChange(`${text.slice(0, start)}${clean}${text.slice(end)}`);
  const caret = start + clean.length;
  requestAnimationFrame(() => input.setSelectionRange(caret, caret));
}

export function SearchForm(props: SearchFormProps) {
  const { idType, text, showErrors, loading, inputRef } = props;
  const check = checkLookupId(idType, text);
  // A bad character is worth saying at once; "not a UUID yet" only once a search was tried.
  const error = !check.ok && (showErrors || (trimId(text) !== '' && check.error.position !== null)) ? check.error.message : null;

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
          onChange={(value) => props.onIdTypeChange(value as IdChoice)}
          data={ID_CHOICES.map((value) => ({ value, label: ID_CHOICE_LABELS[value] }))}
          mt={25}
        />
        <TextInput
          ref={inputRef}
          label={FIELD_LABELS[idType]}
          description={idType === 'auto' ? AUTO_DESCRIPTION : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          placeholder={PLACEHOLDERS[idType]}
          value={text}
          onChange={(event) => props.onTextChange(event.currentTarget.value)}
          onPaste={(event) => pasteTrimmed(event, text, props.onTextChange)}
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
