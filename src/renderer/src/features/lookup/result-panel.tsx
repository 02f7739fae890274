/** A found profile: what was looked up, the request ID, the identifiers and the ways to copy them. */
import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { IDENTIFIER_KEYS } from '../../../../shared/identifiers';
import { ID_TYPE_LABELS } from '../../../../shared/input-rules';
import type { AutoMatch, LookupResult } from '../../../../shared/lookup';
import { resultAsCopyJson } from '../../../../shared/ticket';
import { CopyButton } from '../../components/copy-button';
import { IdentifierTable } from './identifier-table';

/** What Auto did, in a few words: which type matched, and why that one. */
function autoMatchText(auto: AutoMatch): string {
  const [first, second] = auto.tried;
  if (second) return `Matched as a customer user ID by Auto: no profile has it as its profile ID.`;
  return first === 'profile_id' ? 'Matched as a profile ID by Auto.' : 'Matched as a customer user ID by Auto: it is not a UUID.';
}

/** `ticket`: the result as "Copy for ticket" copies it (the lookup panel builds it, with the connection it went through). */
export function ResultPanel({ result, ticket }: { result: LookupResult; ticket: string }) {
  const set = IDENTIFIER_KEYS.filter((key) => result.identifiers[key] !== null).length;
  return (
    <Paper withBorder p="md" component="section" aria-label="Result">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Title order={2} size="h4">
              {ID_TYPE_LABELS[result.query.idType]}{' '}
              <Text span ff="monospace" inherit style={{ wordBreak: 'break-all' }}>{result.query.id}</Text>
            </Title>
            {result.auto && (
              <Text size="sm" c="dimmed" data-testid="auto-match" data-matched-as={result.query.idType}>
                {autoMatchText(result.auto)}
              </Text>
            )}
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                Request ID: <Text span ff="monospace" size="sm">{result.requestId ?? 'not sent by Adapty'}</Text>
              </Text>
              {result.requestId && <CopyButton value={result.requestId} what="request ID" />}
            </Group>
          </Stack>
          <Group gap="sm">
            <Text size="sm" c="dimmed">{set} of {IDENTIFIER_KEYS.length} set</Text>
            <CopyButton value={ticket} what="for ticket" label="Copy for ticket" />
            <CopyButton value={resultAsCopyJson(result, 2)} what="all identifiers as JSON" label="Copy all as JSON" />
          </Group>
        </Group>
        {result.unreadable && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title="Part of Adapty's answer could not be read" data-testid="unreadable-note">
            <Text size="sm">
              {result.unreadable.length === 1 ? 'One field had' : `${result.unreadable.length} fields had`} an unexpected type:{' '}
              {result.unreadable.map(({ field }) => field).join(', ')}. Everything else is shown; what could not be read is marked below. If this
              keeps happening, the base URL may point at something that is not Adapty, or Adapty changed its answer.
            </Text>
          </Alert>
        )}
        <IdentifierTable result={result} />
      </Stack>
    </Paper>
  );
}
