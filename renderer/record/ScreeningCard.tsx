// The latest screening with its date and who recorded it, and an update: every question asked again
// (nothing carried over as an answer), with the reason it changed.
import { useState, type FormEvent } from 'react';
import { CONTRAINDICATIONS, type PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { Msg, useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Actions, Card, FormAlert } from '../kit/index.js';
import { ScreeningAnswers, unansweredRefusal, type Answers } from './ScreeningAnswers.js';
import { CONTRAINDICATION_WORDS } from './words.js';

export function ScreeningSummary({ p }: { p: PatientView }) {
  const t = useT();
  const f = useFormat();
  const s = p.screening;
  if (!s) return <p className="warnbox">{t('screening.none')}</p>;
  return (
    <div className="stack">
      <p>{s.reason ? t('screening.recordedChanged', { when: f.dateTime(s.recordedAt), who: s.recordedBy.name, reason: s.reason }) : t('screening.recorded', { when: f.dateTime(s.recordedAt), who: s.recordedBy.name })}</p>
      <ul className="grid2" aria-label={t('screening.answers')}>
        {CONTRAINDICATIONS.map((c) => (
          <li key={c}>
            <Msg id="screening.answer" values={{ question: t(CONTRAINDICATION_WORDS[c]), answer: s[c] ? 'yes' : 'no' }} />
          </li>
        ))}
      </ul>
      {s.note && <p className="muted">{t('screening.noteValue', { note: s.note })}</p>}
    </div>
  );
}

export function ScreeningUpdate({ p, onDone, onCancel }: { p: PatientView; onDone: () => void; onCancel?: () => void }) {
  const api = useApi();
  const t = useT();
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const first = p.screening === null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const open = unansweredRefusal(answers, t);
    if (open) return setError(open);
    if (await run(() => api.call('patients.recordScreening', { patientId: p.id, ...(answers as Required<Answers>), note: note.trim() || undefined, reason: first ? undefined : reason }))) onDone();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={first ? t('screening.recordForm') : t('screening.updateForm')}>
      <ScreeningAnswers idPrefix="upd" answers={answers} onChange={setAnswers} note={note} onNote={setNote} />
      {!first && (
        <label className="field">
          {t('screening.why')}
          <input name="screeningReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      <FormAlert message={error} />
      <Actions cancel={onCancel && { label: t('common.cancel'), onClick: onCancel }}>
        <button type="submit" disabled={busy || (!first && !reason.trim())}>
          {first ? t('screening.record') : t('screening.saveUpdate')}
        </button>
      </Actions>
    </form>
  );
}

export function ScreeningCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <Card title={t('screening.title')} titleId="pt-screen" action={canEdit && !editing && { label: p.screening ? t('screening.update') : t('screening.record'), onClick: () => setEditing(true), secondary: true }}>
      {editing ? (
        <ScreeningUpdate
          p={p}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <ScreeningSummary p={p} />
      )}
    </Card>
  );
}
