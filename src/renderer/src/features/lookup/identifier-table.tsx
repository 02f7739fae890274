/**
 * The identifiers that are set, first: each under the name people search for,
 * Adapty's key beneath it and a line on what it is; the value in monospace with
 * its copy button right beside it. The unset ones fold into one line
 * ("Not set: Adjust, Airbridge, …") that opens to list them. Then any keys
 * Adapty sent that this version does not know.
 */
import { Badge, Code, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { IDENTIFIERS, isIdentifierKey, unsetSummary } from '../../../../shared/identifiers';
import type { LookupResult } from '../../../../shared/lookup';
import { CopyButton } from '../../components/copy-button';

function Value({ value, what }: { value: string; what: string }) {
  return (
    <Group gap={4} wrap="nowrap" justify="flex-start" align="center">
      <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all', minWidth: 0 }} data-value>
        {value === '' ? <Text span c="dimmed" fs="italic" size="sm">"" (empty string)</Text> : value}
      </Text>
      <CopyButton value={value} what={what} />
    </Group>
  );
}

type Identifier = (typeof IDENTIFIERS)[number];

function IdentifierName({ identifier }: { identifier: Identifier }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>{identifier.name}</Text>
      <Code fz="xs" c="dimmed" bg="transparent" p={0}>{identifier.key}</Code>
      <Text size="xs" c="dimmed">{identifier.explanation}</Text>
    </Stack>
  );
}

/** Why each identifier of the wrong shape could not be read, by key. */
function unreadableOf(result: LookupResult): Map<string, string> {
  return new Map((result.unreadable ?? []).map(({ field, message }) => [field ?? '', message]));
}

/** The identifiers with those that could not be read counted as sent (so "Not set" does not name them). */
function withUnreadableAsSent(result: LookupResult, unreadable: Map<string, string>): LookupResult['identifiers'] {
  const sent = Object.fromEntries([...unreadable.keys()].filter(isIdentifierKey).map((key) => [key, '']));
  return { ...result.identifiers, ...sent };
}

function IdentifierRows({ rows, result }: { rows: readonly Identifier[]; result: LookupResult }) {
  const unreadable = unreadableOf(result);
  return rows.map((identifier) => {
    const value = result.identifiers[identifier.key];
    const problem = unreadable.get(identifier.key);
    return (
      <Table.Tr key={identifier.key} data-key={identifier.key} data-unreadable={problem ? 'true' : undefined}>
        <Table.Td w="45%"><IdentifierName identifier={identifier} /></Table.Td>
        <Table.Td>
          {problem ? (
            <Stack gap={2}>
              <Badge color="orange" variant="light" style={{ alignSelf: 'flex-start' }}>could not be read</Badge>
              <Text size="xs">{problem}</Text>
            </Stack>
          ) : value === null ? (
            <Text size="sm" c="dimmed" fs="italic">not set</Text>
          ) : (
            <Value value={value} what={identifier.name} />
          )}
        </Table.Td>
      </Table.Tr>
    );
  });
}

export function IdentifierTable({ result }: { result: LookupResult }) {
  // Open for this result only: a new result starts folded again.
  const [openFor, setOpenFor] = useState<LookupResult | null>(null);
  const open = openFor === result;
  const unsetId = useId();
  // An identifier that could not be read is shown with the set ones, marked: it was sent, just not as a string.
  const unreadable = unreadableOf(result);
  const set = IDENTIFIERS.filter(({ key }) => result.identifiers[key] !== null || unreadable.has(key));
  const unset = IDENTIFIERS.filter(({ key }) => result.identifiers[key] === null && !unreadable.has(key));
  const extras = Object.entries(result.extras);
  const Chevron = open ? IconChevronDown : IconChevronRight;
  return (
    <>
      {set.length > 0 ? (
        <Table.ScrollContainer minWidth={480}>
          <Table striped highlightOnHover verticalSpacing={6} aria-label="Integration identifiers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Identifier</Table.Th>
                <Table.Th>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <IdentifierRows rows={set} result={result} />
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text c="dimmed" size="sm" ta="center" py="md">None of the {IDENTIFIERS.length} identifiers is set for this profile.</Text>
      )}
      {unset.length > 0 && (
        <Stack gap="xs">
          <UnstyledButton
            onClick={() => setOpenFor(open ? null : result)}
            aria-expanded={open}
            aria-controls={unsetId}
            data-testid="unset-toggle"
            style={{ borderRadius: 4 }}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Chevron size={16} style={{ flex: 'none', marginTop: 2 }} aria-hidden />
              <Text size="sm" c="dimmed">
                Not set ({unset.length}): {unsetSummary(withUnreadableAsSent(result, unreadable)).join(', ')}
              </Text>
            </Group>
          </UnstyledButton>
          <div id={unsetId} hidden={!open}>
            {open && (
              <Table.ScrollContainer minWidth={480}>
                <Table striped verticalSpacing={6} aria-label="Identifiers not set">
                  <Table.Tbody>
                    <IdentifierRows rows={unset} result={result} />
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </div>
        </Stack>
      )}
      {extras.length > 0 && (
        <Table.ScrollContainer minWidth={480} mt="md">
          <Table striped verticalSpacing={6} aria-label="Other keys from Adapty">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="45%">
                  <Group gap="xs">
                    Other keys from Adapty <Badge size="xs" variant="light">not known to this version</Badge>
                  </Group>
                </Table.Th>
                <Table.Th>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {extras.map(([key, value]) => (
                <Table.Tr key={key} data-key={key}>
                  <Table.Td><Code>{key}</Code></Table.Td>
                  <Table.Td>
                    {value === null ? (
                      <Text size="sm" c="dimmed" fs="italic">not set</Text>
                    ) : (
                      <Value value={typeof value === 'string' ? value : JSON.stringify(value)} what={key} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
