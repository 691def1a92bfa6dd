// The start of a session: the identity check, the last screening shown with its date and confirmed
// unchanged with the patient or updated, and, when the interval rules say it is early, the reason
// (and under the serum's minimum, an administrator's approval) asked for right here.
import { useState } from 'react';
import type { PatientView } from '../../electron/contract/patients.js';
import { StationCallError } from '../../electron/contract/api.js';
import { useApi } from '../api/hooks.js';
import { Modal } from '../components/Modal.js';
import { fmtDateTime } from '../format.js';
import { errorText } from '../reasons.js';
import { ScreeningSummary, ScreeningUpdate } from './ScreeningCard.js';

const EARLY = new Set(['interval.too-early', 'interval.under-serum-minimum', 'interval.approval-needed']);

export function StartSession({ p, courseId, onClose, onStarted, onPatientChanged }: { p: PatientView; courseId: number | undefined; onClose: () => void; onStarted: (id: number) => void; onPatientChanged: () => void }) {
  const api = useApi();
  const [identity, setIdentity] = useState(false);
  const [screening, setScreening] = useState<'unchanged' | 'update' | null>(null);
  const [notes, setNotes] = useState('');
  const [early, setEarly] = useState(false);
  const [needsAdmin, setNeedsAdmin] = useState(false);
  const [tooEarlyReason, setTooEarlyReason] = useState('');
  const [adminUser, setAdminUser] = useState('');
  const [adminPassword, setAdminPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const screened = p.screening;

  // Not a form: the screening update inside is one of its own.
  const submit = async () => {
    if (!identity || screening !== 'unchanged' || !screened) return;
    setBusy(true);
    setError(null);
    try {
      const s = await api.call('sessions.start', {
        patientId: p.id,
        courseId,
        intake: {
          identityConfirmed: true,
          screeningId: screened.id,
          notes: notes.trim() || undefined,
          tooEarlyReason: early ? tooEarlyReason.trim() || undefined : undefined,
          underMinimumApproval: needsAdmin ? { username: adminUser, password: adminPassword } : undefined,
        },
      });
      onStarted(s.id);
    } catch (err) {
      // An early session is not a dead end: the reason (and an admin's approval) is asked for here.
      const code = err instanceof StationCallError ? err.reason?.code : undefined;
      if (code && EARLY.has(code)) setEarly(true);
      if (code === 'interval.approval-needed' || code === 'approval.not-admin' || (needsAdmin && err instanceof StationCallError && err.field?.startsWith('intake.underMinimumApproval'))) setNeedsAdmin(true);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Start a session" onClose={onClose}>
      <div className="stack">
        <label className="check">
          <input type="checkbox" name="identityConfirmed" checked={identity} onChange={(e) => setIdentity(e.target.checked)} />
          Identity checked with the patient (two identifiers)
        </label>
        <fieldset className="stack">
          <legend>Screening {screened ? `of ${fmtDateTime(screened.recordedAt)}` : ''}</legend>
          {screened && screening !== 'update' && <ScreeningSummary p={p} />}
          {screened && (
            <div className="row">
              <label className="check">
                <input type="radio" name="screeningConfirm" checked={screening === 'unchanged'} onChange={() => setScreening('unchanged')} />
                Unchanged: confirmed with the patient today
              </label>
              <label className="check">
                <input type="radio" name="screeningConfirm" checked={screening === 'update'} onChange={() => setScreening('update')} />
                Something changed: update it
              </label>
            </div>
          )}
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
        <label className="field">
          Intake notes <span className="hint">optional</span>
          <textarea name="intakeNotes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {early && (
          <label className="field">
            Why go ahead early?
            <input name="tooEarlyReason" value={tooEarlyReason} onChange={(e) => setTooEarlyReason(e.target.value)} />
          </label>
        )}
        {needsAdmin && (
          <fieldset className="grid2">
            <legend>An administrator approves going under the serum's minimum</legend>
            <label className="field">
              Administrator user name
              <input name="approverUsername" value={adminUser} onChange={(e) => setAdminUser(e.target.value)} autoComplete="off" />
            </label>
            <label className="field">
              Administrator password
              <input name="approverPassword" type="password" value={adminPassword} onChange={(e) => setAdminPassword(e.target.value)} autoComplete="off" />
            </label>
          </fieldset>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row end">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="button" onClick={submit} disabled={busy || !identity || screening !== 'unchanged' || (early && !tooEarlyReason.trim()) || (needsAdmin && (!adminUser || !adminPassword))}>
            Begin thermotherapy
          </button>
        </div>
      </div>
    </Modal>
  );
}
