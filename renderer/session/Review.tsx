// Review and electronic signature (21 CFR Part 11: the signer re-enters the password; the record shows
// the signer, the time and the meaning). After signing the record is locked; addenda only.
import { useState } from 'react';
import type { SessionView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { Msg, useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Actions, Check, Credentials, Field, Form, FormAlert, NO_CREDENTIALS, TextField, complete } from '../kit/index.js';
import { AddendaList, SessionFacts } from './SessionFacts.js';

export function Review({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const t = useT();
  const [password, setPassword] = useState('');
  const [withReviewer, setWithReviewer] = useState(false);
  const [reviewer, setReviewer] = useState(NO_CREDENTIALS);
  const { busy, failure, run } = useAction();
  const sign = async () => {
    const ok = await run(() => api.call('sessions.sign', { sessionId: s.id, password, reviewedBy: withReviewer ? reviewer : undefined }));
    setPassword('');
    setReviewer({ ...reviewer, password: '' });
    if (ok) onChanged();
  };
  return (
    <div className="stack">
      <SessionFacts s={s} />
      <Form className="card stack" failure={failure} onSubmit={sign} aria-labelledby="sign-title">
        <h2 id="sign-title">{t('review.signTitle')}</h2>
        <p>
          <Msg id="review.meaning" />
        </p>
        <Field label={t('review.password')} field="password">
          <input type="password" name="signPassword" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Check checked={withReviewer} onCheck={setWithReviewer}>
          {t('review.cosign')}
        </Check>
        {withReviewer && <Credentials who="Reviewer" names={['reviewerUsername', 'reviewerPassword']} field="reviewedBy" value={reviewer} onChange={setReviewer} />}
        <FormAlert />
        <Actions>
          <button type="submit" className="big" disabled={busy || !password || (withReviewer && !complete(reviewer))}>
            {t('review.sign')}
          </button>
        </Actions>
      </Form>
    </div>
  );
}

export function SessionSummaryView({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const add = async () => {
    if (await run(() => api.call('sessions.addendum', { sessionId: s.id, text, reason }))) {
      setText('');
      setReason('');
      onChanged();
    }
  };
  return (
    <div className="stack">
      {s.status === 'signed' && (
        <div className="okbox" role="status" data-testid="signed">
          {t('review.signed', {
            signatures: s.signatures.map((g) => t('review.signature', { name: g.displayName, meaning: g.meaning, when: f.dateTime(g.signedAt) })).join(' · '),
          })}
        </div>
      )}
      {s.status === 'aborted' && s.abort && (
        <div className="warnbox" role="status">
          {t('review.aborted', { phase: t('session.phase', { phase: s.abort.phase }), when: f.dateTime(s.abort.at), reason: s.abort.reason })}
        </div>
      )}
      <SessionFacts s={s} />
      <Form className="card stack" failure={failure} onSubmit={add} aria-labelledby="add-title">
        <h2 id="add-title">{t('review.addenda')}</h2>
        {s.addenda.length === 0 && <p className="muted">{t('review.noAddenda')}</p>}
        <AddendaList addenda={s.addenda} />
        <Field label={t('review.newAddendum')} field="text">
          <textarea name="addendumText" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <TextField label={t('session.reason')} field="reason" name="addendumReason" value={reason} onText={setReason} />
        <FormAlert />
        <Actions>
          <button type="submit" className="secondary" disabled={busy || !text.trim() || reason.trim().length < 3}>
            {t('review.addAddendum')}
          </button>
        </Actions>
      </Form>
    </div>
  );
}
