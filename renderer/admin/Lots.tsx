// Admin: serum lots. Lots are received here (number, expiry, vials, supplier); clinicians load only
// received lots. A lot can be quarantined (held while checked, then released) or recalled (final),
// each with its reason, and the recall list names every patient who received it and how to reach them.
import { useState, type FormEvent } from 'react';
import { LANGUAGE_NAMES } from '../../electron/contract/patients.js';
import type { LotStatus, LotView } from '../../electron/contract/serum.js';
import { formatVolume } from '../../electron/contract/units.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDate, fmtDateTime } from '../format.js';

const STATUS_WORDS: Record<LotStatus, string> = { released: 'in use', quarantined: 'quarantined', recalled: 'recalled' };

export function LotsScreen() {
  const serums = useLoad('serum.list', {});
  const [serumId, setSerumId] = useState<number | ''>('');
  const chosen = serumId === '' ? (serums.data?.[0] ?? null) : (serums.data?.find((s) => s.serumId === serumId) ?? null);
  return (
    <div className="stack">
      <h1>Serum lots</h1>
      <label className="field" style={{ maxWidth: 420 }}>
        Serum
        <select name="lotSerum" value={chosen?.serumId ?? ''} onChange={(e) => setSerumId(Number(e.target.value))}>
          {serums.data?.map((s) => (
            <option key={s.serumId} value={s.serumId}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && <SerumLots key={chosen.serumId} serumId={chosen.serumId} />}
    </div>
  );
}

function SerumLots({ serumId }: { serumId: number }) {
  const lots = useLoad('serum.lots.list', { serumId, includeExpired: true });
  const [open, setOpen] = useState<LotView | null>(null);
  return (
    <>
      <section className="card stack" aria-labelledby="lots-title">
        <h2 id="lots-title">Lots received</h2>
        {lots.data?.length === 0 && <p className="muted">No lot received for this serum.</p>}
        <table>
          <thead>
            <tr>
              <th scope="col">Lot</th>
              <th scope="col">Expiry</th>
              <th scope="col">Vials</th>
              <th scope="col">Supplier</th>
              <th scope="col">Status</th>
              <th scope="col">Received</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {lots.data?.map((l) => (
              <tr key={l.id}>
                <td>{l.lotNumber}</td>
                <td>
                  {fmtDate(l.expiryDate)} {l.expired && <span className="pill danger">expired</span>}
                </td>
                <td className="num">{l.quantity ?? '—'}</td>
                <td>{l.supplier ?? '—'}</td>
                <td>
                  <span className={`pill ${l.status === 'released' ? 'ok' : 'danger'}`}>{STATUS_WORDS[l.status]}</span>
                  {l.statusChange && <div className="small muted">{l.statusChange.reason}</div>}
                </td>
                <td>
                  {fmtDateTime(l.recordedAt)} by {l.recordedBy.name}
                </td>
                <td>
                  <button type="button" className="secondary" onClick={() => setOpen(l)} aria-label={`Manage lot ${l.lotNumber}`}>
                    Manage
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
  const [lotNumber, setLotNumber] = useState('');
  const [expiryDate, setExpiry] = useState('');
  const [quantity, setQuantity] = useState('');
  const [supplier, setSupplier] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A quantity that is not a whole number reaches the core as NaN and is refused, naming the field.
    const vials = /^\d+$/.test(quantity.trim()) ? Number(quantity.trim()) : Number.NaN;
    if (await run(() => api.call('serum.lots.receive', { serumId, lotNumber, expiryDate, quantity: vials, supplier }))) {
      setLotNumber('');
      setExpiry('');
      setQuantity('');
      setSupplier('');
      onDone();
    }
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Receive a lot">
      <h3>Receive a lot</h3>
      <div className="grid4">
        <label className="field">
          Lot number
          <input name="lotNumber" value={lotNumber} onChange={(e) => setLotNumber(e.target.value)} />
        </label>
        <label className="field">
          Expiry
          <input name="expiryDate" type="date" value={expiryDate} onChange={(e) => setExpiry(e.target.value)} />
        </label>
        <label className="field">
          Vials received
          <input name="quantity" inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </label>
        <label className="field">
          Supplier
          <input name="supplier" value={supplier} onChange={(e) => setSupplier(e.target.value)} />
        </label>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !lotNumber.trim() || !expiryDate}>
          Receive lot
        </button>
      </div>
    </form>
  );
}

function ManageLot({ lot, onChanged }: { lot: LotView; onChanged: (l: LotView) => void }) {
  const api = useApi();
  const recipients = useLoad('serum.lots.recipients', { lotId: lot.id });
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const set = async (status: LotStatus) => {
    const l = await run(() => api.call('serum.lots.setStatus', { lotId: lot.id, status, reason }));
    if (l) {
      setReason('');
      onChanged(l);
    }
  };
  return (
    <section className="card stack" aria-labelledby="lot-manage">
      <h2 id="lot-manage">Lot {lot.lotNumber}</h2>
      <p>
        Status: <strong>{STATUS_WORDS[lot.status]}</strong>
        {lot.statusChange && ` since ${fmtDateTime(lot.statusChange.at)} (${lot.statusChange.by.name}): ${lot.statusChange.reason}`}
      </p>
      {lot.status !== 'recalled' && (
        <div className="row">
          <label className="field" style={{ flex: 1 }}>
            Reason
            <input name="lotReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {lot.status === 'released' ? (
            <button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => set('quarantined')} style={{ alignSelf: 'flex-end' }}>
              Quarantine
            </button>
          ) : (
            <button type="button" className="secondary" disabled={busy || !reason.trim()} onClick={() => set('released')} style={{ alignSelf: 'flex-end' }}>
              Release from quarantine
            </button>
          )}
          <button type="button" className="danger" disabled={busy || !reason.trim()} onClick={() => set('recalled')} style={{ alignSelf: 'flex-end' }}>
            Recall
          </button>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <h3>Patients who received this lot</h3>
      {recipients.data?.length === 0 && <p className="muted">No patient has received a dose from this lot.</p>}
      {recipients.data && recipients.data.length > 0 && (
        <table aria-label="Recall list">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Phone</th>
              <th scope="col">E-mail</th>
              <th scope="col">Language</th>
              <th scope="col">Sessions</th>
              <th scope="col">Last</th>
              <th scope="col" className="numcell">From this lot</th>
            </tr>
          </thead>
          <tbody>
            {recipients.data.map((r) => (
              <tr key={r.patientId}>
                <td>
                  {r.fullName ?? r.clinicId} {r.birthDate && <span className="muted small">born {r.birthDate}</span>}
                </td>
                <td>{r.phone ?? 'not recorded'}</td>
                <td>{r.email ?? 'not recorded'}</td>
                <td>{r.preferredLanguage ? LANGUAGE_NAMES[r.preferredLanguage] : 'not recorded'}</td>
                <td className="num">{r.sessions}</td>
                <td>{fmtDateTime(r.lastSessionAt)}</td>
                <td className="numcell">{formatVolume(r.deliveredNl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
