// Admin: serum lots. Lots are received here (number, expiry, vials, supplier); clinicians load only
// received lots. A lot can be quarantined (held while checked, then released) or recalled (final),
// each with its reason, and the recall list names every patient who received it and how to reach them.
import { useState } from 'react';
import { LANGUAGE_NAMES } from '../../electron/contract/patients.js';
import type { LotRecipient, LotStatus, LotView } from '../../electron/contract/serum.js';
import { formatVolume } from '../../electron/contract/units.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { Actions, DataTable, FailureScope, Field, Form, FormAlert, Select, UnitInput, useQuantities, type Column } from '../kit/index.js';

const STATUS_WORDS: Record<LotStatus, string> = { released: 'in use', quarantined: 'quarantined', recalled: 'recalled' };

export function LotsScreen() {
  const serums = useLoad('serum.list', {});
  const [serumId, setSerumId] = useState<string>('');
  const chosen = serumId === '' ? (serums.data?.[0] ?? null) : (serums.data?.find((s) => String(s.serumId) === serumId) ?? null);
  return (
    <div className="stack">
      <h1>Serum lots</h1>
      <Field label="Serum" style={{ maxWidth: 420 }}>
        <Select name="lotSerum" value={chosen ? String(chosen.serumId) : ''} onChoose={setSerumId} options={serums.data?.map((s) => [String(s.serumId), s.name] as const) ?? []} />
      </Field>
      {chosen && <SerumLots key={chosen.serumId} serumId={chosen.serumId} />}
    </div>
  );
}

function lotColumns(manage: (l: LotView) => void): Column<LotView>[] {
  return [
    { id: 'lot', header: 'Lot', cell: (l) => l.lotNumber, sort: (l) => l.lotNumber },
    {
      id: 'expiry',
      header: 'Expiry',
      sort: (l) => l.expiryDate,
      cell: (l) => (
        <>
          {fmtDate(l.expiryDate)} {l.expired && <span className="pill danger">expired</span>}
        </>
      ),
    },
    { id: 'vials', header: 'Vials', cell: (l) => l.quantity ?? '—', numeric: true },
    { id: 'supplier', header: 'Supplier', cell: (l) => l.supplier ?? '—' },
    {
      id: 'status',
      header: 'Status',
      sort: (l) => l.status,
      cell: (l) => (
        <>
          <span className={`pill ${l.status === 'released' ? 'ok' : 'danger'}`}>{STATUS_WORDS[l.status]}</span>
          {l.statusChange && <div className="small muted">{l.statusChange.reason}</div>}
        </>
      ),
    },
    { id: 'received', header: 'Received', cell: (l) => `${fmtDateTime(l.recordedAt)} by ${l.recordedBy.name}`, sort: (l) => l.recordedAt },
    {
      id: 'actions',
      header: 'Actions',
      headerHidden: true,
      cell: (l) => (
        <button type="button" className="secondary" onClick={() => manage(l)} aria-label={`Manage lot ${l.lotNumber}`}>
          Manage
        </button>
      ),
    },
  ];
}

function SerumLots({ serumId }: { serumId: number }) {
  const lots = useLoad('serum.lots.list', { serumId, includeExpired: true });
  const [open, setOpen] = useState<LotView | null>(null);
  return (
    <>
      <section className="card stack" aria-labelledby="lots-title">
        <h2 id="lots-title">Lots received</h2>
        <DataTable caption="Lots received" columns={lotColumns(setOpen)} rows={lots.data} rowKey={(l) => l.id} empty="No lot received for this serum." />
        <Receive serumId={serumId} onDone={lots.reload} />
      </section>
      {open && (
        <ManageLot
          lot={open}
          onChanged={(l) => {
            setOpen(l);
            lots.reload();
          }}
        />
      )}
    </>
  );
}

function Receive({ serumId, onDone }: { serumId: number; onDone: () => void }) {
  const api = useApi();
  const q = useQuantities();
  const [lotNumber, setLotNumber] = useState('');
  const [expiryDate, setExpiry] = useState('');
  const [quantity, setQuantity] = useState('');
  const [supplier, setSupplier] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    const received = await run(() => api.call('serum.lots.receive', { serumId, lotNumber, expiryDate, quantity: q.read('whole', quantity, { field: 'quantity', label: 'Vials received' }), supplier }));
    if (received) {
      setLotNumber('');
      setExpiry('');
      setQuantity('');
      setSupplier('');
      onDone();
    }
  };
  return (
    <Form className="stack" failure={failure} onSubmit={submit} aria-label="Receive a lot">
      <h3>Receive a lot</h3>
      <div className="grid4">
        <Field label="Lot number" field="lotNumber">
          <input name="lotNumber" value={lotNumber} onChange={(e) => setLotNumber(e.target.value)} />
        </Field>
        <Field label="Expiry" field="expiryDate">
          <input name="expiryDate" type="date" value={expiryDate} onChange={(e) => setExpiry(e.target.value)} />
        </Field>
        <Field label="Vials received" field="quantity">
          <UnitInput quantity="whole" name="quantity" text={quantity} onText={setQuantity} />
        </Field>
        <Field label="Supplier" field="supplier">
          <input name="supplier" value={supplier} onChange={(e) => setSupplier(e.target.value)} />
        </Field>
      </div>
      <FormAlert />
      <Actions>
        <button type="submit" disabled={busy || !lotNumber.trim() || !expiryDate}>
          Receive lot
        </button>
      </Actions>
    </Form>
  );
}

const RECIPIENT_COLUMNS: Column<LotRecipient>[] = [
  {
    id: 'patient',
    header: 'Patient',
    sort: (r) => r.fullName ?? r.clinicId,
    cell: (r) => (
      <>
        {r.fullName ?? r.clinicId} {r.birthDate && <span className="muted small">born {r.birthDate}</span>}
      </>
    ),
  },
  { id: 'phone', header: 'Phone', cell: (r) => r.phone ?? 'not recorded' },
  { id: 'email', header: 'E-mail', cell: (r) => r.email ?? 'not recorded' },
  { id: 'language', header: 'Language', cell: (r) => (r.preferredLanguage ? LANGUAGE_NAMES[r.preferredLanguage] : 'not recorded') },
  { id: 'sessions', header: 'Sessions', cell: (r) => r.sessions, sort: (r) => r.sessions, numeric: true },
  { id: 'last', header: 'Last', cell: (r) => fmtDateTime(r.lastSessionAt), sort: (r) => r.lastSessionAt },
  { id: 'delivered', header: 'From this lot', cell: (r) => formatVolume(r.deliveredNl), sort: (r) => r.deliveredNl, numeric: true },
];

function ManageLot({ lot, onChanged }: { lot: LotView; onChanged: (l: LotView) => void }) {
  const api = useApi();
  const recipients = useLoad('serum.lots.recipients', { lotId: lot.id });
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const set = async (status: LotStatus) => {
    const l = await run(() => api.call('serum.lots.setStatus', { lotId: lot.id, status, reason }));
    if (l) {
      setReason('');
      onChanged(l);
    }
  };
  const can = !busy && reason.trim() !== '';
  return (
    <section className="card stack" aria-labelledby="lot-manage">
      <FailureScope failure={failure}>
        <h2 id="lot-manage">Lot {lot.lotNumber}</h2>
        <p>
          Status: <strong>{STATUS_WORDS[lot.status]}</strong>
          {lot.statusChange && ` since ${fmtDateTime(lot.statusChange.at)} (${lot.statusChange.by.name}): ${lot.statusChange.reason}`}
        </p>
        {lot.status !== 'recalled' && (
          <div className="row align-end">
            <Field label="Reason" field="reason" style={{ flex: 1 }}>
              <input name="lotReason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <button type="button" className="secondary" disabled={!can} onClick={() => set(lot.status === 'released' ? 'quarantined' : 'released')}>
              {lot.status === 'released' ? 'Quarantine' : 'Release from quarantine'}
            </button>
            <button type="button" className="danger" disabled={!can} onClick={() => set('recalled')}>
              Recall
            </button>
          </div>
        )}
        <FormAlert />
        <h3>Patients who received this lot</h3>
        <DataTable caption="Recall list" columns={RECIPIENT_COLUMNS} rows={recipients.data} rowKey={(r) => r.patientId} empty="No patient has received a dose from this lot." />
      </FailureScope>
    </section>
  );
}
