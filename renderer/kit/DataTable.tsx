// Every table of the station: columns declared once (header, cell, optional sort key), a caption, an
// empty state that says so in words, and sorting a keyboard reaches (each sortable header is a
// button; aria-sort says the order). Rendering is semantic HTML, so a screen reader walks it as a
// table and the e2e tests find cells and rows by their roles.
//
// Own component, not @tanstack/react-table: the station's tables are short (a few hundred rows at the
// most, sorted on one column), so the library's headless core would replace only `sortRows` below,
// while every line here (markup, captions, aria-sort, the empty state, the scroll region) would still
// be ours to write around its column vocabulary.
import { useId, useMemo, useState, type HTMLAttributes, type ReactNode, type TdHTMLAttributes } from 'react';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/I18n.js';

/** A sort key: numbers compare as numbers, text by the window's language's collation; null sorts last. */
export type SortKey = string | number | null;

type CellAttributes = TdHTMLAttributes<HTMLTableCellElement> & { [data: `data-${string}`]: string | number | undefined };

export interface Column<T> {
  /** Stable id of the column (React key, the sort state). */
  id: string;
  /** What the header says. Kept whole: a string, or an element for a unit that must not be upper-cased. */
  header: ReactNode;
  /** The header is for screen readers only (a column of row actions). */
  headerHidden?: boolean;
  /** `index`: the row's place in `rows`, before any sort (a firing order stays the row's own). */
  cell: (row: T, index: number) => ReactNode;
  /** Makes the column sortable by this key. */
  sort?: (row: T) => SortKey;
  /** Figures: right-aligned, tabular digits. */
  numeric?: boolean;
  /** The cell names its row (th scope="row"). */
  rowHeader?: boolean;
  /** Extra attributes for this column's cells (test ids, data-*). */
  cellProps?: (row: T) => CellAttributes;
  /** A footer cell (the table has a footer row when any column has one). */
  footer?: ReactNode;
  footerProps?: CellAttributes;
}

export type SortState = { column: string; direction: 'ascending' | 'descending' } | null;

/** The mark beside a sortable header (aria-sort says the order in words). */
const SORT_MARK = { ascending: '▲', descending: '▼', none: '↕' } as const;

/**
 * Text compared as the language sorts it: Turkish puts ı before i and ç after c, Spanish ñ after n;
 * case and accents break no tie on their own, and "Room 10" follows "Room 9".
 */
export function textCollator(locale: string | undefined): Intl.Collator {
  return new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
}

function compareKeys(a: SortKey, b: SortKey, collator: Intl.Collator): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The indices of `rows` in the order `sort` asks for (a stable sort; nulls last in either direction),
 * text by `collator` (the window's language's: textCollator(locale)).
 */
export function sortOrder<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState, collator: Intl.Collator): number[] {
  const key = sort ? columns.find((c) => c.id === sort.column)?.sort : undefined;
  const order = rows.map((_, i) => i);
  if (!sort || !key) return order;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const keys = rows.map(key);
  return order.sort((x, y) => {
    const a = keys[x]!;
    const b = keys[y]!;
    if (a === null || b === null) return compareKeys(a, b, collator) || x - y;
    return sign * compareKeys(a, b, collator) || x - y;
  });
}

/** The rows in the order `sort` asks for. */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState, collator: Intl.Collator): readonly T[] {
  const key = sort ? columns.find((c) => c.id === sort.column)?.sort : undefined;
  if (!sort || !key) return rows;
  return sortOrder(rows, columns, sort, collator).map((i) => rows[i]!);
}

/** The order after a click on a column's header: ascending first, then the reverse. */
export function nextSort(current: SortState, column: string): SortState {
  if (current?.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}

export interface DataTableProps<T> {
  /** Names the table for screen readers (and on screen with `showCaption`). */
  caption: string;
  showCaption?: boolean;
  columns: readonly Column<T>[];
  /** Undefined while loading: nothing is claimed about the rows until they are known. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string | number;
  /** What an empty table says ("No gun is paired."): shown instead of an empty grid. */
  empty: string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };
  initialSort?: SortState;
  compact?: boolean;
  /** Scrolls inside its own box (long tables): the box is focusable so it scrolls by keyboard. */
  scroll?: boolean;
}

export function DataTable<T>({ caption, showCaption, columns, rows, rowKey, empty, rowProps, initialSort = null, compact, scroll }: DataTableProps<T>) {
  const [sort, setSort] = useState<SortState>(initialSort);
  const captionId = useId();
  const t = useT();
  const { locale } = useIntl();
  const collator = useMemo(() => textCollator(locale), [locale]);
  if (rows === undefined) return <p className="muted">{t('table.loading')}</p>;
  if (rows.length === 0)
    return (
      <p className="muted table-empty" data-empty-table={caption}>
        {empty}
      </p>
    );
  const shown = sortOrder(rows, columns, sort, collator);
  const hasFooter = columns.some((c) => c.footer !== undefined);
  const table = (
    <table className={compact ? 'compact' : undefined}>
      <caption id={captionId} className={showCaption ? 'table-caption' : 'sr-only'}>
        {caption}
      </caption>
      <thead>
        <tr>
          {columns.map((c) => {
            const direction = sort?.column === c.id ? sort.direction : undefined;
            const label = c.headerHidden ? <span className="sr-only">{c.header}</span> : c.header;
            return (
              <th key={c.id} scope="col" className={c.numeric ? 'numcell' : undefined} aria-sort={c.sort ? (direction ?? 'none') : undefined}>
                {c.sort ? (
                  <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, c.id))}>
                    {label}
                    <span className="sort-mark" aria-hidden="true">
                      {SORT_MARK[direction ?? 'none']}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {shown.map((i) => {
          const row = rows[i]!;
          return (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => {
                const Cell = c.rowHeader ? 'th' : 'td';
                return (
                  <Cell key={c.id} scope={c.rowHeader ? 'row' : undefined} className={c.numeric ? 'numcell' : undefined} {...c.cellProps?.(row)}>
                    {c.cell(row, i)}
                  </Cell>
                );
              })}
            </tr>
          );
        })}
      </tbody>
      {hasFooter && (
        <tfoot>
          <tr>
            {columns.map((c, i) =>
              i === 0 ? (
                <th key={c.id} scope="row" {...c.footerProps}>
                  {c.footer}
                </th>
              ) : (
                <td key={c.id} className={c.numeric ? 'numcell' : undefined} {...c.footerProps}>
                  {c.footer}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      )}
    </table>
  );
  if (!scroll) return table;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      {table}
    </div>
  );
}

export interface ButtonColumn<T> {
  id?: string;
  /** The column's name, said to screen readers only ("Actions", "Open"). */
  header: string;
  /** What the button says: the same on every row, or the row's own ("Open" or "Review"). */
  label: string | ((row: T) => string);
  onClick: (row: T) => void;
  /** The button's accessible name when its text alone would not say which row it acts on. */
  ariaLabel?: (row: T) => string;
}

/** The last column of a list: one secondary button a row (Open, Unpair, Manage), its header hidden. */
export function buttonColumn<T>({ id = 'actions', header, label, onClick, ariaLabel }: ButtonColumn<T>): Column<T> {
  return {
    id,
    header,
    headerHidden: true,
    cell: (row) => (
      <button type="button" className="secondary" onClick={() => onClick(row)} aria-label={ariaLabel?.(row)}>
        {typeof label === 'string' ? label : label(row)}
      </button>
    ),
  };
}
