// A patient's consents: each with its form and version, who obtained it and when, the signature as
// it was given, and whether it allows a session today; recording a new one and withdrawing one.
import { useState } from 'react';
import type { ConsentSignatureView } from '../../electron/contract/consents.js';
import { LANGUAGE_NAMES, type PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { reasonText } from '../reasons.js';
import { Actions, FormAlert, InlineReason } from '../kit/index.js';
import { ConsentCapture, type ConsentInput } from './ConsentCapture.js';

function SignatureView({ s }: { s: ConsentSignatureView }) {
  if (s.kind === 'typed')
    return (
      <span>
        Typed name “{s.typedName}”, witnessed by {s.witnessedBy.name}
      </span>
    );
  return (
    <svg viewBox={`0 0 ${s.width} ${s.height}`} width={180} height={60} role="img" aria-label="The patient's drawn signature" className="signature-thumb">
      {s.strokes.map((st, i) => (
        <path key={i} d={st.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${x} ${y}`).join(' ')} className="signature-stroke" />
      ))}
    </svg>
  );
}

export function ConsentsCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const api = useApi();
  const [recording, setRecording] = useState(false);
  const [consent, setConsent] = useState<ConsentInput | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const { busy, error, run } = useAction();

  const save = async () => {
    if (!consent) return;
    if (await run(() => api.call('consents.record', { patientId: p.id, ...consent }))) {
      setRecording(false);
      onChanged();
    }
  };

  return (
    <section className="card stack" aria-labelledby="pt-consent">
      <div className="row between">
        <h2 id="pt-consent">Consent</h2>
        {canEdit && !recording && (
          <button type="button" className="secondary" onClick={() => setRecording(true)}>
            Record consent
          </button>
        )}
      </div>
      {p.consents.length === 0 && <p className="warnbox">No consent recorded: a session cannot start until the patient signs the consent form.</p>}
      {p.consents.map((c) => (
        <div key={c.id} className={c.valid ? 'okbox stack' : 'warnbox stack'}>
          <p>
            <strong>{c.title}</strong> · version {c.templateVersion} · {LANGUAGE_NAMES[c.language]} · obtained {fmtDateTime(c.obtainedAt)} by {c.obtainedBy.name}
          </p>
          <SignatureView s={c.signature} />
          {c.valid ? <p>Valid for sessions.</p> : <p>{reasonText(c.invalidReason, 'Not valid for sessions.')}</p>}
          {c.withdrawal && (
            <p>
              Withdrawn {fmtDateTime(c.withdrawal.at)} ({c.withdrawal.by.name}): {c.withdrawal.reason}
            </p>
          )}
          {canEdit && !c.withdrawal && (
            <div className="row end">
              <button type="button" className="secondary" onClick={() => setWithdrawing(c.id)}>
                Record a withdrawal
              </button>
            </div>
          )}
        </div>
      ))}
      {withdrawing !== null && (
        <InlineReason
          key={withdrawing}
          label="What did the patient say?"
          name="withdrawReason"
          action="Record the withdrawal"
          cancelLabel="Cancel"
          onConfirm={(reason) => api.call('consents.withdraw', { patientId: p.id, consentId: withdrawing, reason })}
          onClose={() => setWithdrawing(null)}
          onDone={onChanged}
        />
      )}
      {recording && (
        <div className="stack">
          <ConsentCapture language={p.preferredLanguage} onChange={setConsent} />
          <FormAlert message={error} />
          <Actions cancel={{ label: 'Cancel', onClick: () => setRecording(false) }}>
            <button type="button" onClick={save} disabled={busy || !consent}>
              Save the signed consent
            </button>
          </Actions>
        </div>
      )}
    </section>
  );
}
