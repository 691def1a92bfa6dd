// Admin: the review queue. Every near miss, hard stop, skipped or shortened thermotherapy,
// interruption and unattributed dose is an item; an admin reviews it with a disposition and a
// comment, signing with their password. An unattributed dose can be assigned to a session and zone
// with a reason and a signature (a separate attribution; the ledger row never changes).
import { useState, type FormEvent } from 'react';
import { REVIEW_DISPOSITIONS, REVIEW_ITEM_KINDS, type ReviewDisposition, type ReviewItemKind, type ReviewItemView } from '../../../electron/contract/review.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { Modal } from '../../components/Modal.js';
import { fmtDateTime, zoneLabel } from '../../format.js';
import { reasonText } from '../../reasons.js';
import { useNavigate } from '../../navigation.js';
import { DISPOSITION_WORDS, KIND_WORDS } from './words.js';

const PAGE = 50;

export function ReviewQueue() {
  const go = useNavigate();
  const [status, setStatus] = useState<'new' | 'reviewed' | 'all'>('new');
  const [kind, setKind] = useState<ReviewItemKind | ''>('');
  const [fromDate, setFrom] = useState('');
  const [toDate, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<ReviewItemView | null>(null);
  const page = useLoad('review.list', { status, kinds: kind ? [kind] : undefined, fromDate: fromDate || undefined, toDate: toDate || undefined, limit: PAGE, offset });
  const counts = useLoad('review.counts', {});
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setOffset(0);
  };
  const done = () => {
    setOpen(null);
    page.reload();
    counts.reload();
  };
  const total = page.data?.total ?? 0;

  return (
    <div className="stack">
      <h1>Review queue</h1>
      {counts.data && <OpenCounts counts={counts.data.byKind} open={counts.data.open} />}
      <section className="card stack" aria-labelledby="rq-filter">
        <h2 id="rq-filter">Filter</h2>
        <div className="grid2">
          <label className="field">
            Review status
            <select value={status} onChange={(e) => filter(setStatus)(e.target.value as typeof status)}>
              <option value="new">New (awaiting review)</option>
              <option value="reviewed">Reviewed</option>
              <option value="all">All</option>
            </select>
          </label>
          <label className="field">
            Kind
            <select value={kind} onChange={(e) => filter(setKind)(e.target.value as ReviewItemKind | '')}>
              <option value="">Every kind</option>
              {REVIEW_ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_WORDS[k]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            From <span className="hint">day the event happened</span>
            <input type="date" value={fromDate} onChange={(e) => filter(setFrom)(e.target.value)} />
          </label>
          <label className="field">
            To <span className="hint">included</span>
            <input type="date" value={toDate} onChange={(e) => filter(setTo)(e.target.value)} />
          </label>
        </div>
      </section>
      {page.error && <p className="error" role="alert">{page.error}</p>}
      <section className="card" aria-labelledby="rq-items">
        <h2 id="rq-items">
          Items <span className="muted small" data-testid="review-range">{total === 0 ? 'none' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}</span>
        </h2>
        <table data-testid="review-items">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">What happened</th>
              <th scope="col">Session</th>
              <th scope="col">Clinician</th>
              <th scope="col">Reason given</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Review</span></th>
            </tr>
          </thead>
          <tbody>
            {page.data?.items.map((i) => (
              <tr key={i.itemId} data-item={i.itemId} data-kind={i.kind}>
                <td>{fmtDateTime(i.at)}</td>
                <td>{KIND_WORDS[i.kind]}</td>
                <td>{reasonText(i.what, i.what.code)}</td>
                <td>
                  {i.sessionId !== null ? (
                    <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: i.sessionId! })}>
                      Session {i.sessionId}
                    </button>
                  ) : i.assignment ? (
                    `assigned to ${i.assignment.sessionId}, ${zoneLabel(i.assignment.zone)}`
                  ) : (
                    'none'
                  )}
                  {i.patient?.name ? <div className="small muted">{i.patient.name}</div> : null}
                </td>
                <td>{i.clinician?.name ?? '—'}</td>
                <td className="small">
                  {[i.reasonCode, i.recordedReason].filter(Boolean).join(': ') || '—'}
                  {i.approvedBy ? <div className="muted">approved by {i.approvedBy}</div> : null}
                </td>
                <td>{i.review ? <span className="pill ok">reviewed</span> : <span className="pill warn">new</span>}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setOpen(i)} aria-label={`${i.review ? 'Open' : 'Review'} ${KIND_WORDS[i.kind].toLowerCase()} of ${fmtDateTime(i.at)}`}>
                    {i.review ? 'Open' : 'Review'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row end">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
        </div>
      </section>
      {open && <ItemDialog item={open} onClose={() => setOpen(null)} onDone={done} />}
    </div>
  );
}

/** The open items by kind: on the admin home and atop the queue. */
export function OpenCounts({ open, counts, onOpen }: { open: number; counts: Record<ReviewItemKind, number>; onOpen?: () => void }) {
  return (
    <section className="card stack" aria-labelledby="rq-open" data-testid="review-open-counts">
      <div className="row between">
        <h2 id="rq-open">
          Awaiting review: <span data-testid="review-open-total">{open}</span>
        </h2>
        {onOpen && (
          <button type="button" onClick={onOpen}>
            Open the review queue
          </button>
        )}
      </div>
      <div className="row">
        {REVIEW_ITEM_KINDS.map((k) => (
          <span key={k} className="pill" data-kind={k} data-count={counts[k]}>
            {KIND_WORDS[k]}: {counts[k]}
          </span>
        ))}
      </div>
    </section>
  );
}

/** The admin home's card: the open items by kind, and the way to the queue. */
export function OpenReviewCard() {
  const go = useNavigate();
  const counts = useLoad('review.counts', {});
  if (!counts.data) return null;
  return <OpenCounts open={counts.data.open} counts={counts.data.byKind} onOpen={() => go({ name: 'reviewQueue' })} />;
}

function ItemDialog({ item, onClose, onDone }: { item: ReviewItemView; onClose: () => void; onDone: () => void }) {
  return (
    <Modal title={`${KIND_WORDS[item.kind]}, ${fmtDateTime(item.at)}`} onClose={onClose}>
      <p>{reasonText(item.what, item.what.code)}</p>
      {item.recordedReason && <p className="small">Recorded reason: {item.recordedReason}</p>}
      {item.kind === 'unattributed_dose' && (item.assignment ? (
        <p className="okbox">
          Assigned to session {item.assignment.sessionId}, {zoneLabel(item.assignment.zone)}, by {item.assignment.by.name} ({fmtDateTime(item.assignment.at)}): {item.assignment.reason}
        </p>
      ) : (
        <AssignDose item={item} onDone={onDone} />
      ))}
      {item.review ? (
        <p className="okbox" role="status" data-testid="review-signed">
          Reviewed by {item.review.by.name}, {fmtDateTime(item.review.at)}: {DISPOSITION_WORDS[item.review.disposition]}. {item.review.comment}
        </p>
      ) : (
        <SignReview item={item} onDone={onDone} />
      )}
      <div className="row end">
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function SignReview({ item, onDone }: { item: ReviewItemView; onDone: () => void }) {
  const api = useApi();
  const [disposition, setDisposition] = useState<ReviewDisposition | ''>('');
  const [comment, setComment] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const sign = async (e: FormEvent) => {
    e.preventDefault();
    if (!disposition) return;
    if (await run(() => api.call('review.sign', { itemId: item.itemId, disposition, comment, password }))) onDone();
  };
  return (
    <form className="stack" onSubmit={sign} aria-label="Sign the review">
      <label className="field">
        Disposition
        <select value={disposition} onChange={(e) => setDisposition(e.target.value as ReviewDisposition | '')}>
          <option value="">Choose…</option>
          {REVIEW_DISPOSITIONS.map((d) => (
            <option key={d} value={d}>
              {DISPOSITION_WORDS[d]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Comment
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} />
      </label>
      <label className="field">
        Your password, to sign the review <span className="hint">an electronic signature meaning “reviewed”; a review is final</span>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !disposition || !comment.trim() || !password}>
          Sign the review
        </button>
      </div>
    </form>
  );
}

function AssignDose({ item, onDone }: { item: ReviewItemView; onDone: () => void }) {
  const api = useApi();
  const doseRecordId = Number(item.itemId.split(':')[1]);
  const candidates = useLoad('review.assignCandidates', { doseRecordId });
  const [sessionId, setSessionId] = useState<number | ''>('');
  const [zone, setZone] = useState('');
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const chosen = candidates.data?.find((c) => c.sessionId === sessionId);
  const assign = async (e: FormEvent) => {
    e.preventDefault();
    if (sessionId === '' || !chosen) return;
    const z = chosen.zones.find((x) => x === zone);
    if (!z) return;
    if (await run(() => api.call('review.assignDose', { doseRecordId, sessionId, zone: z, reason, password }))) onDone();
  };
  if (candidates.data && candidates.data.length === 0) return <p className="muted">No session of this gun is close enough in time to assign the dose to.</p>;
  return (
    <form className="stack card" onSubmit={assign} aria-label="Assign the dose to a session">
      <h3>Assign to a session</h3>
      <p className="small muted">The dose record stays as it arrived; the assignment is recorded beside it, signed and audited.</p>
      <div className="grid2">
        <label className="field">
          Session
          <select value={sessionId} onChange={(e) => { setSessionId(e.target.value ? Number(e.target.value) : ''); setZone(''); }}>
            <option value="">Choose…</option>
            {candidates.data?.map((c) => (
              <option key={c.sessionId} value={c.sessionId}>
                {c.sessionId}: {fmtDateTime(c.startedAt)}, {c.clinicianName}{c.patientName ? `, ${c.patientName}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Zone
          <select value={zone} onChange={(e) => setZone(e.target.value)} disabled={!chosen}>
            <option value="">Choose…</option>
            {chosen?.zones.map((z) => (
              <option key={z} value={z}>
                {zoneLabel(z)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="field">
        Your password, to sign the assignment
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !chosen || !zone || !reason.trim() || !password}>
          Assign and sign
        </button>
      </div>
    </form>
  );
}
