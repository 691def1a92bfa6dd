// Admin: serum lots. Lots are received here (number, expiry, vials, supplier); clinicians load only
// received lots. A lot can be quarantined (held while checked, then released) or recalled (final),
// each with its reason, and the recall list names every patient who received it and how to reach them.
import { useState } from 'react';
import { LANGUAGE_NAMES } from '../../electron/contract/patients.js';
import type { LotRecipient, LotStatus, LotView } from '../../electron/contract/serum.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Msg, useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, FailureScope, Field, Form, FormAlert, FormEnd, Select, TextField, UnitInput, buttonColumn, useQuantities, type Column } from '../kit/index.js';
import { calendarDay } from './calendarDay.js';

export function LotsScreen() {
  const t = useT();
  const serums = useLoad('serum.list', {});
  const [serumId, setSerumId] = useState<string>('');
  const chosen = serumId === '' ? (serums.data?.[0] ?? null) : (serums.data?.find((s) => String(s.serumId) === serumId) ?? null);
  return (
    <div className="stack">
      <h1>{t('admin.lots.title')}</h1>
      <Field label={t('admin.lots.serum')} style={{ maxWidth: 420 }}>
        <Select name="lotSerum" value={chosen ? String(chosen.serumId) : ''} onChoose={setSerumId} options={serums.data?.map((s) => [String(s.serumId), s.name] as const) ?? []} />
      </Field>
      {chosen && <SerumLots key={chosen.serumId} serumId={chosen.serumId} />}
    </div>
  );
}

function lotColumns(t: Translate, f: Format, manage: (l: LotView) => void): Column<LotView>[] {
  return [
    { id: 'lot', header: t('admin.lots.lot'), cell: (l) => l.lotNumber, sort: (l) => l.lotNumber },
    {
      id: 'expiry',
      header: t('admin.lots.expiry'),
      sort: (l) => l.expiryDate,
      cell: (l) => (
        <>
          {f.date(calendarDay(l.expiryDate))} {l.expired && <span className="pill danger">{t('admin.lots.expired')}</span>}
        </>
      ),
    },
    { id: 'vials', header: t('admin.lots.vials'), cell: (l) => (l.quantity === null ? '—' : f.number(l.quantity)), numeric: true },
    { id: 'supplier', header: t('admin.lots.supplier'), cell: (l) => l.supplier ?? '—' },
    {
      id: 'status',
      header: t('admin.status'),
      sort: (l) => l.status,
      cell: (l) => (
        <>
          <span className={`pill ${l.status === 'released' ? 'ok' : 'danger'}`}>{t('admin.lots.statusWord', { status: l.status })}</span>
          {l.statusChange && <div className="small muted">{l.statusChange.reason}</div>}
        </>
      ),
    },
    { id: 'received', header: t('admin.lots.received'), cell: (l) => t('admin.lots.receivedBy', { when: f.dateTime(l.recordedAt), name: l.recordedBy.name }), sort: (l) => l.recordedAt },
    buttonColumn({ header: t('admin.actions'), label: t('admin.lots.manage'), onClick: manage, ariaLabel: (l) => t('admin.lots.manageLabel', { lot: l.lotNumber }) }),
  ];
}

function SerumLots({ serumId }: { serumId: number }) {
  const t = useT();
  const f = useFormat();
  const lots = useLoad('serum.lots.list', { serumId, includeExpired: true });
  const [open, setOpen] = useState<LotView | null>(null);
  return (
    <>
      <Card title={t('admin.lots.receivedTitle')} titleId="lots-title">
        <DataTable caption={t('admin.lots.receivedTitle')} columns={lotColumns(t, f, setOpen)} rows={lots.data} rowKey={(l) => l.id} empty={t('admin.lots.none')} />
        <Receive serumId={serumId} onDone={lots.reload} />
      </Card>
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

const NO_LOT = { lotNumber: '', expiryDate: '', quantity: '', supplier: '' };

function Receive({ serumId, onDone }: { serumId: number; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const q = useQuantities();
  const [lot, setLot] = useState(NO_LOT);
  const set = (k: keyof typeof NO_LOT) => (v: string) => setLot((x) => ({ ...x, [k]: v }));
  const { busy, failure, run } = useAction();
  const submit = async () => {
    const { lotNumber, expiryDate, supplier } = lot;
    const quantity = () => q.read('whole', lot.quantity, { field: 'quantity', label: t('admin.lots.vialsReceived') });
    if (await run(() => api.call('serum.lots.receive', { serumId, lotNumber, expiryDate, quantity: quantity(), supplier }))) {
      setLot(NO_LOT);
      onDone();
    }
  };
  return (
    <Form className="stack" failure={failure} onSubmit={submit} aria-label={t('admin.lots.receiveTitle')}>
      <h3>{t('admin.lots.receiveTitle')}</h3>
      <div className="grid4">
        <TextField label={t('admin.lots.lotNumber')} field="lotNumber" name="lotNumber" value={lot.lotNumber} onText={set('lotNumber')} />
        <TextField label={t('admin.lots.expiry')} field="expiryDate" name="expiryDate" type="date" value={lot.expiryDate} onText={set('expiryDate')} />
        <Field label={t('admin.lots.vialsReceived')} field="quantity">
          <UnitInput quantity="whole" name="quantity" text={lot.quantity} onText={set('quantity')} />
        </Field>
        <TextField label={t('admin.lots.supplier')} field="supplier" name="supplier" value={lot.supplier} onText={set('supplier')} />
      </div>
      <FormEnd submit={t('admin.lots.receive')} disabled={busy || !lot.lotNumber.trim() || !lot.expiryDate} />
    </Form>
  );
}

function recipientColumns(t: Translate, f: Format): Column<LotRecipient>[] {
  return [
    {
      id: 'patient',
      header: t('admin.patient'),
      sort: (r) => r.fullName ?? r.clinicId,
      cell: (r) => (
        <>
          {r.fullName ?? r.clinicId} {r.birthDate && <span className="muted small">{t('admin.born', { date: f.date(calendarDay(r.birthDate)) })}</span>}
        </>
      ),
    },
    { id: 'phone', header: t('admin.lots.phone'), cell: (r) => r.phone ?? t('admin.notRecorded') },
    { id: 'email', header: t('admin.lots.email'), cell: (r) => r.email ?? t('admin.notRecorded') },
    { id: 'language', header: t('admin.language'), cell: (r) => (r.preferredLanguage ? LANGUAGE_NAMES[r.preferredLanguage] : t('admin.notRecorded')) },
    { id: 'sessions', header: t('admin.lots.sessions'), cell: (r) => f.number(r.sessions), sort: (r) => r.sessions, numeric: true },
    { id: 'last', header: t('admin.lots.last'), cell: (r) => f.dateTime(r.lastSessionAt), sort: (r) => r.lastSessionAt },
    { id: 'delivered', header: t('admin.lots.fromThisLot'), cell: (r) => f.volume(r.deliveredNl), sort: (r) => r.deliveredNl, numeric: true },
  ];
}

function ManageLot({ lot, onChanged }: { lot: LotView; onChanged: (l: LotView) => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
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
  const change = lot.statusChange;
  return (
    <section className="card stack" aria-labelledby="lot-manage">
      <FailureScope failure={failure}>
        <h2 id="lot-manage">{t('admin.lots.lotTitle', { lot: lot.lotNumber })}</h2>
        <p>
          {change ? (
            <Msg id="admin.lots.statusSince" values={{ status: t('admin.lots.statusWord', { status: lot.status }), when: f.dateTime(change.at), name: change.by.name, reason: change.reason }} />
          ) : (
            <Msg id="admin.lots.statusNow" values={{ status: t('admin.lots.statusWord', { status: lot.status }) }} />
          )}
        </p>
        {lot.status !== 'recalled' && (
          <div className="row align-end">
            <TextField label={t('admin.reason')} field="reason" style={{ flex: 1 }} name="lotReason" value={reason} onText={setReason} />
            <button type="button" className="secondary" disabled={!can} onClick={() => set(lot.status === 'released' ? 'quarantined' : 'released')}>
              {lot.status === 'released' ? t('admin.lots.quarantine') : t('admin.lots.release')}
            </button>
            <button type="button" className="danger" disabled={!can} onClick={() => set('recalled')}>
              {t('admin.lots.recall')}
            </button>
          </div>
        )}
        <FormAlert />
        <h3>{t('admin.lots.recipientsTitle')}</h3>
        <DataTable caption={t('admin.lots.recallList')} columns={recipientColumns(t, f)} rows={recipients.data} rowKey={(r) => r.patientId} empty={t('admin.lots.noRecipients')} />
      </FailureScope>
    </section>
  );
}
