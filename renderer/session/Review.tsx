// Review and electronic signature (21 CFR Part 11: the signer re-enters the password; the record shows
// the signer, the time and the meaning). After signing the record is locked; addenda only.
import { useState } from 'react';
import type { SessionView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { Actions, Check, Credentials, Field, Form, FormAlert, NO_CREDENTIALS, complete } from '../kit/index.js';
import { AddendaList, SessionFacts } from './SessionFacts.js';

export function Review({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
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
        <h2 id="sign-title">Sign the record</h2>
        <p>
          Meaning of this signature: <strong>I performed this session and this record of it is complete and accurate.</strong> Your name, the time and this
          meaning are bound to the record, which is then locked; later corrections are addenda.
        </p>
        <Field label="Your password" field="password">
          <input type="password" name="signPassword" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Check checked={withReviewer} onCheck={setWithReviewer}>
          A supervisor co-signs as reviewer
        </Check>
        {withReviewer && <Credentials who="Reviewer" names={['reviewerUsername', 'reviewerPassword']} field="reviewedBy" value={reviewer} onChange={setReviewer} />}
        <FormAlert />
        <Actions>
          <button type="submit" className="big" disabled={busy || !password || (withReviewer && !complete(reviewer))}>
            Sign and lock the record
          </button>
        </Actions>
      </Form>
    </div>
  );
}

export function SessionSummaryView({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
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
          Signed and locked. {s.signatures.map((g) => `${g.displayName} (${g.meaning}) ${fmtDateTime(g.signedAt)}`).join(' · ')}
        </div>
      )}
      {s.status === 'aborted' && s.abort && (
        <div className="warnbox" role="status">
          Aborted during {s.abort.phase} at {fmtDateTime(s.abort.at)}: {s.abort.reason}
        </div>
      )}
      <SessionFacts s={s} />
      <Form className="card stack" failure={failure} onSubmit={add} aria-labelledby="add-title">
        <h2 id="add-title">Addenda</h2>
        {s.addenda.length === 0 && <p className="muted">None.</p>}
        <AddendaList addenda={s.addenda} />
        <Field label="New addendum" field="text">
          <textarea name="addendumText" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <Field label="Reason" field="reason">
          <input name="addendumReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <FormAlert />
        <Actions>
          <button type="submit" className="secondary" disabled={busy || !text.trim() || reason.trim().length < 3}>
            Add addendum
          </button>
        </Actions>
      </Form>
    </div>
  );
}
