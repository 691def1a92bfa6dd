// The kit's frames, without a browser: a card is a region its heading names, a row's button column
// names the row it acts on, the pager stops at either end, and a form's end says what it did.
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Card, Screen } from '../../../renderer/kit/Card.js';
import { DataTable, buttonColumn, type Column } from '../../../renderer/kit/DataTable.js';
import { Form, FormEnd } from '../../../renderer/kit/Form.js';
import { Pager } from '../../../renderer/kit/Pager.js';
import { render } from './intl.js';

const noop = () => undefined;

describe('Screen and Card', () => {
  it('a card is a section named by its heading; a flat one leaves spacing to its table', () => {
    const html = render(
      <Card title="Paired guns" titleId="pg-title">
        <p>rows</p>
      </Card>,
    );
    expect(html).toBe('<section class="card stack" aria-labelledby="pg-title"><h2 id="pg-title">Paired guns</h2><p>rows</p></section>');
    expect(render(<Card title="Users" titleId="ul" flat data-testid="users" />)).toBe('<section class="card" aria-labelledby="ul" data-testid="users"><h2 id="ul">Users</h2></section>');
  });
  it('a title action sits at the title’s end; none when the caller says false', () => {
    const html = render(<Card title="Consent" titleId="pt-consent" action={{ label: 'Record consent', onClick: noop, secondary: true }} />);
    expect(html).toContain('<div class="row between"><h2 id="pt-consent">Consent</h2><button type="button" class="secondary">Record consent</button></div>');
    expect(render(<Card title="Consent" titleId="c" action={false} />)).not.toContain('<button');
    const screen = render(<Screen title="Serum library" action={{ label: 'New serum', onClick: noop }} />);
    expect(screen).toBe('<div class="stack"><div class="row between"><h1>Serum library</h1><button type="button">New serum</button></div></div>');
  });
});

describe('buttonColumn', () => {
  type Row = { id: number; name: string; open: boolean };
  const rows: Row[] = [
    { id: 1, name: 'Lot A', open: true },
    { id: 2, name: 'Lot B', open: false },
  ];
  it('one button a row, its header for screen readers only, named for its row', () => {
    const clicked: number[] = [];
    const column: Column<Row> = buttonColumn({ header: 'Actions', label: (r) => (r.open ? 'Review' : 'Open'), onClick: (r) => clicked.push(r.id), ariaLabel: (r) => `Manage ${r.name}` });
    expect(column).toMatchObject({ id: 'actions', header: 'Actions', headerHidden: true });
    const html = render(<DataTable caption="Lots" columns={[column]} rows={rows} rowKey={(r) => r.id} empty="None" />);
    expect(html).toContain('<button type="button" class="secondary" aria-label="Manage Lot A">Review</button>');
    expect(html).toContain('<button type="button" class="secondary" aria-label="Manage Lot B">Open</button>');
    (column.cell(rows[1]!, 1) as ReactElement<{ onClick: () => void }>).props.onClick();
    expect(clicked).toEqual([2]);
  });
});

describe('Pager', () => {
  const words = { newer: 'Newer', older: 'Older' };
  const buttons = (offset: number, total: number) => {
    const moves: number[] = [];
    const html = render(<Pager offset={offset} size={50} total={total} onOffset={(o) => moves.push(o)} words={words} />);
    const fragment = Pager({ offset, size: 50, total, onOffset: (o) => moves.push(o), words }) as ReactElement<{ children: ReactElement<{ onClick: () => void }>[] }>;
    for (const b of fragment.props.children) b.props.onClick();
    return { newerDisabled: /disabled="">Newer/.test(html), olderDisabled: /disabled="">Older/.test(html), moves };
  };
  it('Newer is off on the first page and Older on the last; each moves one page, never below 0', () => {
    expect(buttons(0, 120)).toMatchObject({ newerDisabled: true, olderDisabled: false });
    expect(buttons(50, 120)).toEqual({ newerDisabled: false, olderDisabled: false, moves: [0, 100] });
    expect(buttons(100, 120)).toMatchObject({ newerDisabled: false, olderDisabled: true });
    expect(buttons(0, 0)).toMatchObject({ newerDisabled: true, olderDisabled: true });
    expect(buttons(20, 120).moves[0]).toBe(0);
  });
});

describe('FormEnd', () => {
  it('the alert, what was done, then Cancel and the submit button', () => {
    const html = render(
      <Form failure={{ message: 'The reason is missing.', field: null }} onSubmit={noop}>
        <FormEnd submit="Save" disabled cancel={{ label: 'Cancel', onClick: noop }} done="Saved." />
      </Form>,
    );
    expect(html).toContain(
      '<p class="error" role="alert">The reason is missing.</p><p class="okbox" role="status">Saved.</p><div class="row end"><button type="button" class="secondary">Cancel</button><button type="submit" disabled="">Save</button></div>',
    );
    expect(render(<FormEnd submit="Save" disabled={false} done={false} />)).toBe('<div class="row end"><button type="submit">Save</button></div>');
  });
});
