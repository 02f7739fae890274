/**
 * The rows of a batch: one per ID (#, ID, status, why it failed, the type that matched, then the 16
 * identifiers), virtualized so that 10,000 rows keep a few dozen in the page. The header stays at the
 * top, and # and ID stay at the left, so a row can be told by its ID when scrolled to the right; the
 * scrolling region takes focus, so the arrow keys and Page Up/Down scroll it.
 *
 * Each column has a fixed width (table-layout: fixed): with widths taken from the rows in the page,
 * the columns moved as those rows changed while scrolling. A longer value is cut with an ellipsis and
 * whole in its tooltip.
 */
import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type CSSProperties } from 'react';
import { rowOutcome, type BatchRow } from '../../../../shared/batch';
import { outcomeLabel } from '../../../../shared/history';
import { IDENTIFIERS } from '../../../../shared/identifiers';
import { ID_TYPE_LABELS } from '../../../../shared/input-rules';

const ROW_HEIGHT = 32;
/** Room for a 5-digit row number; then the ID's width, which stays in view beside it. */
const NUMBER_WIDTH = 64;
const ID_WIDTH = 240;
/** An identifier's column shows 26 characters of a value, and its whole name in the header (about 8 px a character in bold). */
const identifierWidth = (name: string) => Math.max(240, name.length * 8 + 28);
const COLUMNS: readonly { name: string; width: number }[] = [
  { name: '#', width: NUMBER_WIDTH },
  { name: 'ID', width: ID_WIDTH },
  { name: 'Status', width: 180 },
  { name: 'Why', width: 280 },
  { name: 'Matched as', width: 140 },
  ...IDENTIFIERS.map(({ name }) => ({ name, width: identifierWidth(name) })),
];
const TABLE_WIDTH = COLUMNS.reduce((sum, { width }) => sum + width, 0);

const border = '1px solid var(--mantine-color-default-border)';
const cellStyle: CSSProperties = {
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  padding: '0 10px',
  height: ROW_HEIGHT,
  borderBottom: border,
  fontSize: 'var(--mantine-font-size-sm)',
};
const mono: CSSProperties = { ...cellStyle, fontFamily: 'var(--mantine-font-family-monospace)' };
/** # and ID stay at the left over the columns scrolling under them (opaque, and a line at the ID's right). */
const pinned = (column: 0 | 1): CSSProperties => ({
  position: 'sticky',
  left: column === 0 ? 0 : NUMBER_WIDTH,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  ...(column === 1 ? { borderRight: border } : {}),
});
const numberStyle: CSSProperties = { ...cellStyle, ...pinned(0) };
const idStyle: CSSProperties = { ...mono, ...pinned(1) };
const statusStyle: CSSProperties = { ...cellStyle, fontWeight: 600 };
// Each header cell sticks to the top (the corner ones to the left too, above everything).
const headStyle: CSSProperties = { ...cellStyle, fontWeight: 600, textAlign: 'left', background: 'var(--mantine-color-body)', position: 'sticky', top: 0, zIndex: 2 };
const headStyles: readonly CSSProperties[] = COLUMNS.map((_, index) => (index < 2 ? { ...headStyle, ...pinned(index as 0 | 1), zIndex: 3 } : headStyle));

const STATUS_MARK: Record<BatchRow['status'], string> = { ok: '✓', failed: '✕', cancelled: '–', pending: '…' };

const Row = memo(function Row({ row, index }: { row: BatchRow; index: number }) {
  const why = row.error ? row.error.message : '';
  const matched = row.result ? ID_TYPE_LABELS[row.result.query.idType] : '';
  return (
    <tr aria-rowindex={index + 2} data-status={row.status} data-testid="batch-row">
      <td style={numberStyle}>{index + 1}</td>
      <td style={idStyle} title={row.id}>{row.id}</td>
      <td style={statusStyle} title={why || undefined}>
        <span aria-hidden="true">{STATUS_MARK[row.status]} </span>
        {outcomeLabel(rowOutcome(row))}
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
      style={{ height: 'min(60vh, 520px)', minHeight: 200, overflow: 'auto', border, borderRadius: 'var(--mantine-radius-md)' }}
      data-testid="batch-table"
    >
      <table
        aria-label="Batch results"
        aria-rowcount={rows.length + 1}
        style={{ borderCollapse: 'separate', borderSpacing: 0, tableLayout: 'fixed', width: TABLE_WIDTH, minWidth: '100%' }}
      >
        <colgroup>
          {COLUMNS.map(({ name, width }) => (
            <col key={name} style={{ width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map(({ name }, index) => (
              <th key={name} scope="col" style={headStyles[index]}>
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
