/**
 * The 16 identifiers grouped by integration, monospace values with a copy
 * button each, "not set" for nulls; then any keys Adapty sent that this
 * version does not know.
 */
import { Badge, Code, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IDENTIFIERS } from '../../../../shared/identifiers';
import type { LookupResult } from '../../../../shared/lookup';
import { CopyButton } from '../../components/copy-button';

interface IdentifierTableProps {
  result: LookupResult;
  hideUnset: boolean;
}

function Value({ value, what }: { value: string; what: string }) {
  return (
    <Group gap={4} wrap="nowrap" justify="space-between">
      <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
        {value === '' ? <Text span c="dimmed" fs="italic" size="sm">"" (empty string)</Text> : value}
      </Text>
      <CopyButton value={value} what={what} />
    </Group>
  );
}

export function IdentifierTable({ result, hideUnset }: IdentifierTableProps) {
  const rows = IDENTIFIERS.filter(({ key }) => !hideUnset || result.identifiers[key] !== null);
  const extras = Object.entries(result.extras);
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover verticalSpacing={6} aria-label="Integration identifiers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">Integration</Table.Th>
              <Table.Th w="22%">Identifier</Table.Th>
              <Table.Th>Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ key, integration, label }, i) => {
              const value = result.identifiers[key];
              const firstOfGroup = rows[i - 1]?.integration !== integration;
              return (
                <Table.Tr key={key} data-key={key}>
                  <Table.Td fw={firstOfGroup ? 600 : undefined} c={firstOfGroup ? undefined : 'dimmed'}>
                    {firstOfGroup ? integration : <VisuallyHidden>{integration}</VisuallyHidden>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label}</Text>
                    <Code fz="xs" c="dimmed" bg="transparent" p={0}>{key}</Code>
                  </Table.Td>
                  <Table.Td>
                    {value === null ? (
                      <Text size="sm" c="dimmed" fs="italic">not set</Text>
                    ) : (
                      <Value value={value} what={`${integration} ${label}`} />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text c="dimmed" size="sm" ta="center" py="md">None of the 16 identifiers is set for this profile.</Text>
      )}
      {extras.length > 0 && (
        <Table.ScrollContainer minWidth={560} mt="md">
          <Table striped verticalSpacing={6} aria-label="Other keys from Adapty">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="40%">
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
