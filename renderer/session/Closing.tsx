// Closing: the oil serum closes the pores (seed 003), and the patient takes the aftercare sheet home.
import { useState } from 'react';
import type { SessionView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Check, Field, Form, FormAlert } from '../kit/index.js';
import { fmtDate } from '../format.js';

export function AftercareSheet({ stationName, date }: { stationName?: string; date: number }) {
  return (
    <article className="card aftercare" aria-labelledby="aftercare-title">
      <h2 id="aftercare-title">Aftercare after your hair mesotherapy session</h2>
      <p className="muted">
        {stationName ? `${stationName} · ` : ''}
        {fmtDate(date)}
      </p>
      <ul>
        <li>
          <strong>Do not wash or wet your hair</strong>, and do not apply any medication to it, until your clinician says so (use the take-home pack as
          instructed).
        </li>
        <li>
          <strong>No shower and no sweating for 8 hours</strong> (no sport, sauna or steam).
        </li>
        <li>
          <strong>No hair products for 12 hours</strong> (gel, spray, dye, styling products).
        </li>
        <li>
          <strong>No sun on the scalp for 48 hours</strong>; wear a hat outdoors.
        </li>
        <li>Mild pain for a few hours is normal; a mild analgesic helps. Some itching or small bruises can appear and fade.</li>
        <li>Call the clinic if you notice swelling, rash, spreading redness, fever or patchy hair loss at the injection sites.</li>
      </ul>
    </article>
  );
}

export function Closing({ s, onChanged, onBack }: { s: SessionView; onChanged: () => void; onBack?: () => void }) {
  const api = useApi();
  const [oil, setOil] = useState(false);
  const [aftercare, setAftercare] = useState(false);
  const [notes, setNotes] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (!oil || !aftercare) return;
    if (await run(() => api.call('sessions.closing', { sessionId: s.id, oilSerumApplied: true, aftercareGiven: true, notes: notes.trim() || undefined }))) onChanged();
  };
  return (
    <div className="grid2">
      <div className="stack">
        <AftercareSheet date={s.startedAt} />
        <div className="row no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print aftercare sheet
          </button>
        </div>
      </div>
      <Form className="card stack no-print" failure={failure} onSubmit={submit} aria-labelledby="closing-title">
        <h2 id="closing-title" tabIndex={-1} data-phase-focus="">
          Closing care
        </h2>
        <Check name="oilSerumApplied" checked={oil} onCheck={setOil}>
          Closing oil serum applied over the treated scalp
        </Check>
        <Check name="aftercareGiven" checked={aftercare} onCheck={setAftercare}>
          Aftercare explained and the sheet given to the patient
        </Check>
        <Field label="Notes" hint="optional: tolerance, reactions" field="notes">
          <textarea name="closingNotes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <FormAlert />
        <Actions spread cancel={onBack && { label: 'Back to mesotherapy', onClick: onBack }}>
          {!onBack && <span />}
          <button type="submit" disabled={busy || !oil || !aftercare}>
            Closing done: review
          </button>
        </Actions>
      </Form>
    </div>
  );
}
