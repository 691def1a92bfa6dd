// Admin: the review queue. Every near miss, hard stop, skipped or shortened thermotherapy,
// interruption and unattributed dose is an item; an admin reviews it with a disposition and a
// comment, signing with their password. An unattributed dose can be assigned to a session and zone
// with a reason and a signature (a separate attribution; the ledger row never changes).
import { useMemo, useState } from 'react';
import { REVIEW_DISPOSITIONS, REVIEW_ITEM_KINDS, type ReviewDisposition, type ReviewItemKind, type ReviewItemView } from '../../../electron/contract/review.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { Modal } from '../../components/Modal.js';
import { useT } from '../../i18n/I18n.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Actions, Card, DataTable, Field, Form, FormAlert, FormEnd, Pager, Screen, Select, TextField, buttonColumn, type Column } from '../../kit/index.js';
import { ReasonWords } from '../../ReasonWords.js';
import { useNavigate } from '../../navigation.js';
import { DISPOSITION_WORDS, KIND_WORDS } from './words.js';

const PAGE = 50;
type Status = 'new' | 'reviewed' | 'all';

export function ReviewQueue() {
  const go = useNavigate();
  const t = useT();
  const f = useFormat();
  const [status, setStatus] = useState<Status>('new');
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
  const statuses = useMemo(() => [['new', t('quality.review.status.new')], ['reviewed', t('quality.review.status.reviewed')], ['all', t('quality.review.status.all')]] as const, [t]);
  const kinds = useMemo(() => REVIEW_ITEM_KINDS.map((k) => [k, t(KIND_WORDS[k])] as const), [t]);
  const columns = useMemo<Column<ReviewItemView>[]>(
    () => [
      { id: 'when', header: t('quality.review.when'), cell: (i) => f.dateTime(i.at) },
      { id: 'kind', header: t('quality.review.kind'), cell: (i) => t(KIND_WORDS[i.kind]) },
      { id: 'what', header: t('quality.review.what'), cell: (i) => <ReasonWords reason={i.what} /> },
      {
        id: 'session',
        header: t('quality.review.session'),
        cell: (i) => (
          <>
            {i.sessionId !== null ? (
              <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: i.sessionId!, from: 'reviewQueue' })}>
                {t('quality.review.openSession', { id: i.sessionId })}
              </button>
            ) : i.assignment ? (
              t('quality.assignedTo', { session: i.assignment.sessionId, zone: f.zone(i.assignment.zone) })
            ) : (
              t('quality.review.noSession')
            )}
            {i.patient?.name ? <div className="small muted">{i.patient.name}</div> : null}
          </>
        ),
      },
      { id: 'clinician', header: t('quality.review.clinician'), cell: (i) => i.clinician?.name ?? '—' },
      {
        id: 'reason',
        header: t('quality.review.reasonGiven'),
        cellProps: () => ({ className: 'small' }),
        cell: (i) => (
          <>
            {[i.reasonCode, i.recordedReason].filter(Boolean).join(': ') || '—'}
            {i.approvedBy ? <div className="muted">{t('quality.review.approvedBy', { name: i.approvedBy })}</div> : null}
          </>
        ),
      },
      {
        id: 'status',
        header: t('quality.review.status'),
        cell: (i) => (i.review ? <span className="pill ok">{t('quality.review.reviewed')}</span> : <span className="pill warn">{t('quality.review.new')}</span>),
      },
      buttonColumn<ReviewItemView>({
        id: 'open',
        header: t('quality.review.review'),
        label: (i) => (i.review ? t('quality.review.open') : t('quality.review.review')),
        onClick: setOpen,
        ariaLabel: (i) => t(i.review ? 'quality.review.openItem' : 'quality.review.reviewItem', { kind: t(KIND_WORDS[i.kind]), when: f.dateTime(i.at) }),
      }),
    ],
    [t, f, go],
  );

  return (
    <Screen title={t('quality.review.title')}>
      {counts.data && <OpenCounts counts={counts.data.byKind} open={counts.data.open} />}
      <Card title={t('quality.filter')} titleId="rq-filter">
        <div className="grid2">
          <Field label={t('quality.review.status')}>
            <Select value={status} onChoose={(v) => v && filter(setStatus)(v)} options={statuses} />
          </Field>
          <Field label={t('quality.review.kind')}>
            <Select value={kind} onChoose={filter(setKind)} options={kinds} none={t('quality.review.everyKind')} />
          </Field>
          <Field label={t('quality.range.from')} hint={t('quality.review.fromHint')}>
            <input type="date" value={fromDate} onChange={(e) => filter(setFrom)(e.target.value)} />
          </Field>
          <Field label={t('quality.range.to')} hint={t('quality.range.toHint')}>
            <input type="date" value={toDate} onChange={(e) => filter(setTo)(e.target.value)} />
          </Field>
        </div>
      </Card>
      <FormAlert message={page.error} />
      <section className="card" aria-labelledby="rq-items">
        <h2 id="rq-items">
          {t('quality.review.items')}
          <span className="muted small" style={{ marginLeft: '0.5em' }} data-testid="review-range">
            {total === 0 ? t('quality.review.none') : t('quality.page', { first: offset + 1, last: Math.min(offset + PAGE, total), total })}
          </span>
        </h2>
        <div data-testid="review-items">
          <DataTable
            caption={t('quality.review.items')}
            columns={columns}
            rows={page.data?.items}
            rowKey={(i) => i.itemId}
            rowProps={(i) => ({ 'data-item': i.itemId, 'data-kind': i.kind })}
            empty={t('quality.review.noItems')}
            compact
          />
        </div>
        <div className="row end">
          <Pager offset={offset} size={PAGE} total={total} onOffset={setOffset} words={{ newer: t('quality.newer'), older: t('quality.older') }} />
        </div>
      </section>
      {open && <ItemDialog item={open} onClose={() => setOpen(null)} onDone={done} />}
    </Screen>
  );
}

/** The open items by kind: on the admin home and atop the queue. */
export function OpenCounts({ open, counts, onOpen }: { open: number; counts: Record<ReviewItemKind, number>; onOpen?: () => void }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="rq-open" data-testid="review-open-counts">
      <div className="row between">
        <h2 id="rq-open">
          {t('quality.review.awaiting')} <span data-testid="review-open-total">{open}</span>
        </h2>
        {onOpen && (
          <button type="button" onClick={onOpen}>
            {t('quality.review.openQueue')}
          </button>
        )}
      </div>
      <div className="row">
        {REVIEW_ITEM_KINDS.map((k) => (
          <span key={k} className="pill" data-kind={k} data-count={counts[k]}>
            {t('quality.review.kindCount', { kind: t(KIND_WORDS[k]), count: counts[k] })}
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
  const t = useT();
  const f = useFormat();
  return (
    <Modal title={t('quality.review.itemTitle', { kind: t(KIND_WORDS[item.kind]), when: f.dateTime(item.at) })} onClose={onClose}>
      <p><ReasonWords reason={item.what} /></p>
      {item.recordedReason && <p className="small">{t('quality.review.recordedReason', { reason: item.recordedReason })}</p>}
      {item.kind === 'unattributed_dose' &&
        (item.assignment ? (
          <p className="okbox">
            {t('quality.review.assigned', {
              session: item.assignment.sessionId,
              zone: f.zone(item.assignment.zone),
              name: item.assignment.by.name,
              when: f.dateTime(item.assignment.at),
              reason: item.assignment.reason,
            })}
          </p>
        ) : (
          <AssignDose item={item} onDone={onDone} />
        ))}
      {item.review ? (
        <p className="okbox" role="status" data-testid="review-signed">
          {t('quality.review.signed', { name: item.review.by.name, when: f.dateTime(item.review.at), disposition: t(DISPOSITION_WORDS[item.review.disposition]), comment: item.review.comment })}
        </p>
      ) : (
        <SignReview item={item} onDone={onDone} />
      )}
      <Actions cancel={{ label: t('quality.close'), onClick: onClose }} />
    </Modal>
  );
}

function SignReview({ item, onDone }: { item: ReviewItemView; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const [disposition, setDisposition] = useState<ReviewDisposition | ''>('');
  const [comment, setComment] = useState('');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const dispositions = useMemo(() => REVIEW_DISPOSITIONS.map((d) => [d, t(DISPOSITION_WORDS[d])] as const), [t]);
  const sign = async () => {
    if (!disposition) return;
    if (await run(() => api.call('review.sign', { itemId: item.itemId, disposition, comment, password }))) onDone();
  };
  return (
    <Form className="stack" failure={failure} onSubmit={sign} aria-label={t('quality.review.signTitle')}>
      <Field label={t('quality.review.disposition')} field="disposition">
        <Select value={disposition} onChoose={setDisposition} options={dispositions} none={t('quality.choose')} />
      </Field>
      <Field label={t('quality.review.comment')} field="comment">
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} />
      </Field>
      <TextField label={t('quality.review.password')} hint={t('quality.review.passwordHint')} field="password" type="password" value={password} onText={setPassword} autoComplete="current-password" />
      <FormEnd submit={t('quality.review.sign')} disabled={busy || !disposition || !comment.trim() || !password} />
    </Form>
  );
}

function AssignDose({ item, onDone }: { item: ReviewItemView; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const doseRecordId = Number(item.itemId.split(':')[1]);
  const candidates = useLoad('review.assignCandidates', { doseRecordId });
  const [sessionId, setSessionId] = useState('');
  const [zone, setZone] = useState('');
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const chosen = candidates.data?.find((c) => String(c.sessionId) === sessionId);
  const sessions = useMemo(
    () =>
      (candidates.data ?? []).map(
        (c) =>
          [
            String(c.sessionId),
            t(c.patientName ? 'quality.assign.candidateWithPatient' : 'quality.assign.candidate', { id: c.sessionId, when: f.dateTime(c.startedAt), clinician: c.clinicianName, patient: c.patientName ?? '' }),
          ] as const,
      ),
    [candidates.data, t, f],
  );
  const zones = useMemo(() => (chosen?.zones ?? []).map((z) => [z, f.zone(z)] as const), [chosen, f]);
  const assign = async () => {
    const z = chosen?.zones.find((x) => x === zone);
    if (!chosen || !z) return;
    if (await run(() => api.call('review.assignDose', { doseRecordId, sessionId: chosen.sessionId, zone: z, reason, password }))) onDone();
  };
  if (candidates.data && candidates.data.length === 0) return <p className="muted">{t('quality.assign.noCandidate')}</p>;
  return (
    <Form className="stack card" failure={failure} onSubmit={assign} aria-label={t('quality.assign.title')}>
      <h3>{t('quality.assign.title')}</h3>
      <p className="small muted">{t('quality.assign.note')}</p>
      <div className="grid2">
        <Field label={t('quality.assign.session')} field="sessionId">
          <Select
            value={sessionId}
            onChoose={(v) => {
              setSessionId(v);
              setZone('');
            }}
            options={sessions}
            none={t('quality.choose')}
          />
        </Field>
        <Field label={t('quality.assign.zone')} field="zone">
          <Select value={zone} onChoose={setZone} options={zones} none={t('quality.choose')} disabled={!chosen} />
        </Field>
      </div>
      <TextField label={t('quality.assign.reason')} field="reason" value={reason} onText={setReason} />
      <TextField label={t('quality.assign.password')} field="password" type="password" value={password} onText={setPassword} autoComplete="current-password" />
      <FormEnd submit={t('quality.assign.submit')} disabled={busy || !chosen || !zone || !reason.trim() || !password} />
    </Form>
  );
}
