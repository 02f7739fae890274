/**
 * Who the user is, shown beside the identifiers so an agent knows it is the
 * right person: both IDs (each copyable: how an agent gets from one to the
 * other), total revenue, access levels, purchases in short and custom
 * attributes. Its own failure is its own banner; the identifiers still show.
 */
import { Alert, Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { storeName, type AccessLevel, type OneTimePurchase, type Profile, type Subscription } from '../../../../shared/profile';
import { partUnreadable as unreadable } from '../../../../shared/unreadable';
import { CopyButton } from '../../components/copy-button';
import { RetryButton } from '../../components/retry-button';
import { adviceFor } from '../lookup/error-advice';
import type { ProfileState } from './use-profile';

const store = (value: string | null) => (value ? storeName(value) : 'unknown store');
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
const usd = (amount: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

/** In place of a part of the profile that could not be read (the note at the top says why). */
function NotRead({ what }: { what: string }) {
  return (
    <Text size="sm" fs="italic">
      {what} could not be read.
    </Text>
  );
}

function IdLine({ label, value, what, unread }: { label: string; value: string | null; what: string; unread: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" w={130}>{label}</Text>
      {value ? (
        <>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>{value}</Text>
          <CopyButton value={value} what={what} />
        </>
      ) : unread ? (
        <NotRead what={`The ${what}`} />
      ) : (
        <Text size="sm" c="dimmed" fs="italic">not set</Text>
      )}
    </Group>
  );
}

/** The states a period can be in, as short badges. */
function PeriodBadges({ period }: { period: AccessLevel | Subscription }) {
  return (
    <Group gap={4}>
      {period.isActive === null ? (
        <Badge variant="light" color="gray">status unknown</Badge>
      ) : (
        <Badge color={period.isActive ? 'teal.9' : 'gray'} variant={period.isActive ? 'filled' : 'light'}>{period.isActive ? 'active' : 'expired'}</Badge>
      )}
      {period.renewalCancelled && <Badge color="orange" variant="light">renewal cancelled</Badge>}
      {period.billingIssueDetectedAt && <Badge color="red" variant="light">billing issue</Badge>}
      {period.isInGracePeriod && <Badge color="yellow" variant="light">grace period</Badge>}
      {'isRefund' in period && period.isRefund && <Badge color="red" variant="light">refunded</Badge>}
    </Group>
  );
}

function AccessLevels({ levels, unread }: { levels: AccessLevel[]; unread: boolean }) {
  if (unread) return <NotRead what="The access levels" />;
  if (levels.length === 0) return <Text size="sm" c="dimmed">No access levels.</Text>;
  return (
    <Table withRowBorders={false} verticalSpacing={4} aria-label="Access levels">
      <Table.Tbody>
        {levels.map((level, i) => (
          <Table.Tr key={`${level.id ?? 'level'}-${i}`} data-access-level={level.id ?? ''}>
            <Table.Td><Text size="sm" fw={600}>{level.id ?? 'unnamed'}</Text></Table.Td>
            <Table.Td><PeriodBadges period={level} /></Table.Td>
            <Table.Td><Text size="sm">{level.isLifetime ? 'lifetime' : level.expiresAt ? `until ${day(level.expiresAt)}` : 'no expiry given'}</Text></Table.Td>
            <Table.Td><Text size="sm">{store(level.store)} · <Text span ff="monospace" size="sm">{level.productId ?? 'no product'}</Text></Text></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface PurchasesProps {
  subscriptions: Subscription[];
  oneTime: OneTimePurchase[];
  /** Which of the two lists could not be read. */
  unread: { subscriptions: boolean; oneTime: boolean };
}

function Purchases({ subscriptions, oneTime, unread }: PurchasesProps) {
  if (unread.subscriptions && unread.oneTime) return <NotRead what="The purchases" />;
  if (subscriptions.length + oneTime.length === 0 && !unread.subscriptions && !unread.oneTime) return <Text size="sm" c="dimmed">No purchases.</Text>;
  const line = (kind: string, purchase: Subscription | OneTimePurchase) => (
    <Group gap={6}>
      <Text size="sm">{kind}: {store(purchase.store)} · <Text span ff="monospace" size="sm">{purchase.productId ?? 'no product'}</Text></Text>
      {purchase.environment && <Badge variant="light" color={purchase.environment === 'Sandbox' ? 'grape' : 'gray'}>{purchase.environment}</Badge>}
      {purchase.isRefund && !('isActive' in purchase) && <Badge color="red" variant="light">refunded</Badge>}
    </Group>
  );
  return (
    <Stack gap={4} aria-label="Purchases">
      {subscriptions.map((subscription, i) => (
        <Group key={`s${i}`} gap={6}>
          {line('Subscription', subscription)}
          <PeriodBadges period={subscription} />
        </Group>
      ))}
      {oneTime.map((purchase, i) => (
        <div key={`o${i}`}>{line(purchase.isConsumable ? 'Consumable' : 'One-time purchase', purchase)}</div>
      ))}
      {/* One list unread: it says so, and the other one, read, may be empty. */}
      {unread.subscriptions && <NotRead what="The subscriptions" />}
      {unread.oneTime && <NotRead what="The one-time purchases" />}
      {unread.subscriptions && oneTime.length === 0 && <Text size="sm" c="dimmed">No one-time purchases.</Text>}
      {unread.oneTime && subscriptions.length === 0 && <Text size="sm" c="dimmed">No subscriptions.</Text>}
    </Stack>
  );
}

function Found({ profile }: { profile: Profile }) {
  const attributesUnread = unreadable(profile, 'custom_attributes');
  return (
    <Stack gap="sm">
      {profile.unreadable && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title="Part of the profile could not be read" data-testid="profile-unreadable">
          <Stack gap={2}>
            {profile.unreadable.map(({ field, message }) => (
              <Text size="sm" key={field ?? message}>{message}: left out below.</Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Stack gap={2}>
        <IdLine label="Profile ID" value={profile.profileId} what="profile ID" unread={unreadable(profile, 'profile_id')} />
        <IdLine label="Customer user ID" value={profile.customerUserId} what="customer user ID" unread={unreadable(profile, 'customer_user_id')} />
        <Group gap={6}>
          <Text size="sm" c="dimmed" w={130}>Total revenue</Text>
          {unreadable(profile, 'total_revenue_usd') ? (
            <NotRead what="The total revenue" />
          ) : (
            <Text size="sm" data-testid="total-revenue">{profile.totalRevenueUsd === null ? 'not given' : usd(profile.totalRevenueUsd)}</Text>
          )}
        </Group>
      </Stack>
      <Title order={3} size="h6">Access levels</Title>
      <AccessLevels levels={profile.accessLevels} unread={unreadable(profile, 'access_levels')} />
      <Title order={3} size="h6">Purchases</Title>
      <Purchases
        subscriptions={profile.subscriptions}
        oneTime={profile.oneTimePurchases}
        unread={{ subscriptions: unreadable(profile, 'subscriptions'), oneTime: unreadable(profile, 'non_subscriptions') }}
      />
      {(profile.customAttributes.length > 0 || attributesUnread) && (
        <>
          <Title order={3} size="h6">Custom attributes</Title>
          {attributesUnread && <NotRead what="The custom attributes" />}
          <Group gap="xs">
            {profile.customAttributes.map((attribute) => (
              <Badge key={attribute.key} variant="light" color="gray" tt="none">{attribute.key}: {String(attribute.value)}</Badge>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}

/** The identifiers' own lookup, which a failed profile's note speaks of: found and shown, failed (its banner shows), or neither (on its way, cancelled). */
type IdentifiersShown = 'shown' | 'failed' | 'not shown';

/** What the note under a failed profile says of the identifiers: only what is true of them now. */
const IDENTIFIERS_NOTE: Record<IdentifiersShown, string> = {
  shown: 'The identifiers are looked up separately, and show on their own below.',
  failed: 'The identifiers are looked up separately; that lookup failed too, as the banner above says.',
  'not shown': 'The identifiers are looked up separately.',
};

interface ProfilePanelProps {
  state: ProfileState;
  identifiers: IdentifiersShown;
  onRetry: () => void;
}

export function ProfilePanel({ state, identifiers, onRetry }: ProfilePanelProps) {
  if (state.phase === 'idle') return null;
  return (
    <Paper withBorder p="md" component="section" aria-label="Who the user is">
      <Stack gap="xs">
        <Title order={2} size="h5">Who the user is</Title>
        {state.phase === 'loading' && (
          <Group gap="xs" aria-busy="true">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">Loading the profile…</Text>
          </Group>
        )}
        {state.phase === 'found' && <Found profile={state.profile} />}
        {state.phase === 'failed' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title="The profile could not be shown" data-error-kind={state.error.kind}>
            <Stack gap={6} align="flex-start">
              <Text size="sm">{state.error.message}</Text>
              <Text size="xs" c="dimmed">{IDENTIFIERS_NOTE[identifiers]}</Text>
              {/* Only where asking again can help: not for a refused key, an ID not found, or an ID that breaks the rules. */}
              {adviceFor(state.error).action === 'retry' && (
                <RetryButton key={state.at} error={state.error} at={state.at} label="Retry the profile" variant="default" onRetry={onRetry} />
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
