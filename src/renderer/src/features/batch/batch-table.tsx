/**
 * The rows of a batch: one per ID (#, ID, status, why it failed, the type that matched, then the 16
 * identifiers), virtualized so that 10,000 rows keep a few dozen in the page. The header stays at the
 * top; the scrolling region takes focus, so the arrow keys and Page Up/Down scroll it.
 */
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type CSSProperties } from 'react';
import { rowOutcome, type BatchRow } from '../../../../shared/batch';
import { IDENTIFIERS } from '../../../../shared/identifiers';
import { ID_TYPE_LABELS } from '../../../../shared/input-rules';

const ROW_HEIGHT = 32;
const COLUMNS = ['#', 'ID', 'Status', 'Why', 'Matched as', ...IDENTIFIERS.map(({ name }) => name)];

const cellStyle: CSSProperties = {
  maxWidth: 280,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  padding: '0 10px',
  height: ROW_HEIGHT,
  borderBottom: '1px solid var(--mantine-color-default-border)',
  fontSize: 'var(--mantine-font-size-sm)',
};
const mono: CSSProperties = { ...cellStyle, fontFamily: 'var(--mantine-font-family-monospace)' };
const headStyle: CSSProperties = { ...cellStyle, fontWeight: 600, textAlign: 'left', background: 'var(--mantine-color-body)' };

const STATUS_MARK: Record<BatchRow['status'], string> = { ok: '✓', failed: '✕', cancelled: '–', pending: '…' };

const Row = memo(function Row({ row, index }: { row: BatchRow; index: number }) {
  const why = row.error ? row.error.message : '';
  const matched = row.result ? ID_TYPE_LABELS[row.result.query.idType] : '';
  return (
    <tr aria-rowindex={index + 2} data-status={row.status} data-testid="batch-row">
      <td style={cellStyle}>{index + 1}</td>
      <td style={mono} title={row.id}>{row.id}</td>
      <td style={{ ...cellStyle, fontWeight: 600 }} title={why || undefined}>
        <span aria-hidden="true">{STATUS_MARK[row.status]} </span>
        {rowOutcome(row)}
      </td>
      <td style={cellStyle} title={why || undefined}>{why}</td>
      <td style={cellStyle}>{matched}</td>
      {IDENTIFIERS.map(({ key }) => {
        const value = row.result?.identifiers[key] ?? null;
        return (
          <td key={key} style={mono} title={value ?? undefined}>
            {value ?? ''}
          </td>
        );
      })}
    </tr>
  );
});

export function BatchTable({ rows }: { rows: readonly BatchRow[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself; nothing here is memoized from it
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const above = items[0]?.start ?? 0;
  const below = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const spacer = (height: number) => (
    <tr aria-hidden="true">
      <td colSpan={COLUMNS.length} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );

  if (rows.length === 0) return <Text size="sm">No rows yet.</Text>;
  return (
    <div
      ref={scroller}
      role="region"
      aria-label="Batch results"
      // Focusable, so the keyboard scrolls it.
      tabIndex={0}
      style={{ height: 'min(60vh, 520px)', minHeight: 200, overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
      data-testid="batch-table"
    >
      <table aria-label="Batch results" aria-rowcount={rows.length + 1} style={{ borderCollapse: 'separate', borderSpacing: 0, minWidth: '100%' }}>
        <thead style={{ position: 'sticky', top: 0, zIndex: 1 }}>
          <tr aria-rowindex={1}>
            {COLUMNS.map((name) => (
              <th key={name} scope="col" style={headStyle}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {above > 0 && spacer(above)}
          {items.map((item) => (
            <Row key={item.index} row={rows[item.index] as BatchRow} index={item.index} />
          ))}
          {below > 0 && spacer(below)}
        </tbody>
      </table>
    </div>
  );
}
