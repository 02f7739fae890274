/**
 * What Adapty said about a failure, under a banner's message: its own words, error_code, the HTTP status,
 * the field (of an answer that could not be read) and the request ID with a copy button, which Adapty's
 * support asks for. Nothing when the error carries none of them.
 */
import { Group, List, Text } from '@mantine/core';
import type { AppError } from '../../../shared/errors';
import { CopyButton } from './copy-button';

export function ErrorFacts({ error }: { error: AppError | { kind: 'file_unreadable'; message: string } }) {
  const facts = 'status' in error && 'messages' in error
    ? [
        ...(error.messages.length > 0 ? [['Adapty says', error.messages.join(' · ')]] : []),
        ...(error.errorCode ? [['error_code', error.errorCode]] : []),
        ...(error.status !== null ? [['HTTP status', String(error.status)]] : []),
        ...(error.field && error.kind === 'invalid_response' ? [['Field', error.field]] : []),
      ]
    : [];
  const requestId = 'requestId' in error ? error.requestId : null;
  if (facts.length === 0 && !requestId) return null;
  return (
    <List size="sm" spacing={2} listStyleType="none">
      {facts.map(([name, value]) => (
        <List.Item key={name}>
          <Text span size="sm" fw={600}>{name}: </Text>
          <Text span size="sm" ff={name === 'Adapty says' ? undefined : 'monospace'}>{value}</Text>
        </List.Item>
      ))}
      {requestId && (
        <List.Item>
          <Group gap={4} wrap="nowrap">
            <Text span size="sm" fw={600}>Request ID: </Text>
            <Text span size="sm" ff="monospace">{requestId}</Text>
            <CopyButton value={requestId} what="request ID" />
          </Group>
        </List.Item>
      )}
    </List>
  );
}
