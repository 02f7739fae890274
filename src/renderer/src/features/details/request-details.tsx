/**
 * The raw exchange behind the latest search, for developers: for each call
 * (the identifiers, the profile; two each under Auto) the method and URL, the
 * request headers with the key shown as `Api-Key ••••` and its last 4
 * characters, the status and duration, the response headers and the body,
 * pretty-printed. "Copy as curl" gives the same request with $ADAPTY_API_KEY.
 */
import { Alert, Badge, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import { curlCommand, type Exchange, type Exchanges } from '../../../../shared/exchange';
import { call } from '../../api';
import { CopyButton } from '../../components/copy-button';
import { SidePanel } from '../../components/side-panel';

/** A JSON body indented; anything else as it came, and so a cut body (what parses of a part is not the answer). */
export function prettyBody(body: string, truncated = false): string {
  if (truncated) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Headers({ label, headers }: { label: string; headers: Exchange['requestHeaders'] }) {
  if (headers.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={label} fz="xs" ff="monospace">
      <Table.Tbody>
        {headers.map(([name, value], index) => (
          <Table.Tr key={`${name}-${index}`}>
            <Table.Td w="35%" style={{ verticalAlign: 'top', wordBreak: 'break-all' }}>{name}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ExchangeView({ exchange, what }: { exchange: Exchange; what: string }) {
  const ok = exchange.status !== null && exchange.status >= 200 && exchange.status < 300;
  return (
    <Stack gap={6} component="section" aria-label={`${what}: ${exchange.method} ${exchange.url}`} data-testid="exchange">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          <Text span fw={700} inherit>{exchange.method}</Text> {exchange.url}
        </Text>
        <CopyButton value={curlCommand(exchange)} what={`${what} request as curl`} label="Copy as curl" />
      </Group>
      <Group gap="xs">
        {exchange.status === null ? (
          <Badge color="red" variant="light">no answer</Badge>
        ) : (
          <Badge color={ok ? 'teal' : 'red'} variant="light" data-testid="exchange-status">{`${exchange.status} ${exchange.statusText}`.trim()}</Badge>
        )}
        <Text size="xs" data-testid="exchange-duration">{exchange.durationMs.toFixed(0)} ms</Text>
      </Group>
      <Text size="xs" fw={600}>Request headers</Text>
      <Headers label={`${what} request headers`} headers={exchange.requestHeaders} />
      {exchange.error && <Alert color="red" variant="light" role="status">{exchange.error}</Alert>}
      {exchange.status !== null && (
        <>
          <Text size="xs" fw={600}>Response headers</Text>
          <Headers label={`${what} response headers`} headers={exchange.responseHeaders} />
          <Text size="xs" fw={600}>Body{exchange.bodyTruncated ? ' (the first 64 KiB)' : ''}</Text>
          <Code block fz="xs" aria-label={`${what} response body`} tabIndex={0} style={{ maxHeight: 320, overflow: 'auto' }}>
            {exchange.body === '' ? '(empty)' : prettyBody(exchange.body ?? '', exchange.bodyTruncated)}
          </Code>
        </>
      )}
    </Stack>
  );
}

interface RequestDetailsProps {
  opened: boolean;
  onClose: () => void;
}

export function RequestDetails({ opened, onClose }: RequestDetailsProps) {
  const [loaded, setLoaded] = useState<{ exchanges: Exchanges } | { error: AppError } | null>(null);
  useEffect(() => {
    if (!opened) return undefined;
    let current = true;
    void call('getExchanges').then((answer) => current && setLoaded(answer.ok ? { exchanges: answer.value } : { error: answer.error }));
    return () => {
      current = false;
    };
  }, [opened]);

  const parts = loaded && 'exchanges' in loaded ? ([['Identifiers', loaded.exchanges.identifiers], ['Profile', loaded.exchanges.profile]] as const) : [];
  return (
    <SidePanel opened={opened} onClose={onClose} position="right" title="Request details" closeLabel="Close request details" size="lg">
      <Stack gap="lg">
        {loaded === null && <Loader size="sm" />}
        {loaded && 'error' in loaded && <Alert color="red" role="alert" title="The details could not be read">{loaded.error.message}</Alert>}
        {parts.map(([what, exchanges]) => (
          <Stack gap="sm" key={what}>
            <Title order={3} size="h5">{what}</Title>
            {exchanges.length === 0 ? (
              <Text size="sm">No request was sent for this part.</Text>
            ) : (
              exchanges.map((exchange, index) => <ExchangeView key={index} exchange={exchange} what={what} />)
            )}
          </Stack>
        ))}
      </Stack>
    </SidePanel>
  );
}
