// The start of a session: the identity check, the last screening shown with its date and confirmed
// unchanged with the patient or updated, and, when the interval rules say it is early, the reason
// (and under the serum's minimum, an administrator's approval) asked for right here.
import { useState } from 'react';
import type { PatientView } from '../../electron/contract/patients.js';
import { StationCallError } from '../../electron/contract/api.js';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Check, Credentials, FailureScope, Field, FormAlert, NO_CREDENTIALS, Radios, complete } from '../kit/index.js';
import { Modal } from '../components/Modal.js';
import { fmtDateTime } from '../format.js';
import { ScreeningSummary, ScreeningUpdate } from './ScreeningCard.js';

const EARLY = new Set(['interval.too-early', 'interval.under-serum-minimum', 'interval.approval-needed']);

const CONFIRM_OPTIONS = [
  ['unchanged', 'Unchanged: confirmed with the patient today'],
  ['update', 'Something changed: update it'],
] as const;

export function StartSession({ p, courseId, onClose, onStarted, onPatientChanged }: { p: PatientView; courseId: number | undefined; onClose: () => void; onStarted: (id: number) => void; onPatientChanged: () => void }) {
  const api = useApi();
  const [identity, setIdentity] = useState(false);
  const [screening, setScreening] = useState<'unchanged' | 'update' | null>(null);
  const [notes, setNotes] = useState('');
  const [early, setEarly] = useState(false);
  const [needsAdmin, setNeedsAdmin] = useState(false);
  const [tooEarlyReason, setTooEarlyReason] = useState('');
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  const { busy, failure, run } = useAction();
  const screened = p.screening;

  // Not a form: the screening update inside is one of its own.
  const submit = async () => {
    if (!identity || screening !== 'unchanged' || !screened) return;
    const s = await run(() =>
      api
        .call('sessions.start', {
          patientId: p.id,
          courseId,
          intake: {
            identityConfirmed: true,
            screeningId: screened.id,
            notes: notes.trim() || undefined,
            tooEarlyReason: early ? tooEarlyReason.trim() || undefined : undefined,
            underMinimumApproval: needsAdmin ? admin : undefined,
          },
        })
        .catch((err: unknown) => {
          // An early session is not a dead end: the reason (and an admin's approval) is asked for here.
          const code = err instanceof StationCallError ? err.reason?.code : undefined;
          if (code && EARLY.has(code)) setEarly(true);
          if (code === 'interval.approval-needed' || code === 'approval.not-admin' || (needsAdmin && err instanceof StationCallError && err.field?.startsWith('intake.underMinimumApproval'))) setNeedsAdmin(true);
          throw err;
        }),
    );
    if (s) onStarted(s.id);
  };

  return (
    <Modal title="Start a session" onClose={onClose}>
      <FailureScope failure={failure}>
        <div className="stack">
          <Check name="identityConfirmed" checked={identity} onCheck={setIdentity}>
            Identity checked with the patient (two identifiers)
          </Check>
          <fieldset className="stack">
            <legend>Screening {screened ? `of ${fmtDateTime(screened.recordedAt)}` : ''}</legend>
            {screened && screening !== 'update' && <ScreeningSummary p={p} />}
            {screened && <Radios legend="Is the screening still true?" legendClass="sr-only" name="screeningConfirm" className="row plain" value={screening} onChoose={setScreening} options={CONFIRM_OPTIONS} />}
            {(!screened || screening === 'update') && (
              <ScreeningUpdate
                p={p}
                onCancel={screened ? () => setScreening(null) : undefined}
                onDone={() => {
                  onPatientChanged();
                  // The updated screening is the one just recorded with the patient: confirmed.
                  setScreening('unchanged');
                }}
              />
            )}
          </fieldset>
          <Field label="Intake notes" hint="optional" field="intake.notes">
            <textarea name="intakeNotes" value={notes} onChange={(e) => setNotes(e.target.value)} />
          </Field>
          {early && (
            <Field label="Why go ahead early?" field="intake.tooEarlyReason">
              <input name="tooEarlyReason" value={tooEarlyReason} onChange={(e) => setTooEarlyReason(e.target.value)} />
            </Field>
          )}
          {needsAdmin && (
            <fieldset className="plain">
              <legend>An administrator approves going under the serum's minimum</legend>
              <Credentials who="Administrator" field="intake.underMinimumApproval.username" value={admin} onChange={setAdmin} />
            </fieldset>
          )}
          <FormAlert />
          <Actions cancel={{ label: 'Cancel', onClick: onClose }}>
            <button type="button" onClick={submit} disabled={busy || !identity || screening !== 'unchanged' || (early && !tooEarlyReason.trim()) || (needsAdmin && !complete(admin))}>
              Begin thermotherapy
            </button>
          </Actions>
        </div>
      </FailureScope>
    </Modal>
  );
}
