// The start of a session: the identity check, the last screening shown with its date and confirmed
// unchanged with the patient or updated, and, when the interval rules say it is early, the reason
// (and under the serum's minimum, an administrator's approval) asked for right here.
import { useState } from 'react';
import type { PatientView } from '../../electron/contract/patients.js';
import { StationCallError } from '../../electron/contract/api.js';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Check, Credentials, FailureScope, Field, FormAlert, NO_CREDENTIALS, Radios, TextField, complete } from '../kit/index.js';
import { Modal } from '../components/Modal.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { ScreeningSummary, ScreeningUpdate } from './ScreeningCard.js';

const EARLY = new Set(['interval.too-early', 'interval.under-serum-minimum', 'interval.approval-needed']);

export function StartSession({ p, courseId, onClose, onStarted, onPatientChanged }: { p: PatientView; courseId: number | undefined; onClose: () => void; onStarted: (id: number) => void; onPatientChanged: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [identity, setIdentity] = useState(false);
  const [screening, setScreening] = useState<'unchanged' | 'update' | null>(null);
  const [notes, setNotes] = useState('');
  const [early, setEarly] = useState(false);
  const [needsAdmin, setNeedsAdmin] = useState(false);
  const [tooEarlyReason, setTooEarlyReason] = useState('');
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  const { busy, failure, run } = useAction();
  const screened = p.screening;
  const confirmOptions = [['unchanged', t('start.unchanged')], ['update', t('start.changed')]] as const;

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
    <Modal title={t('start.title')} onClose={onClose}>
      <FailureScope failure={failure}>
        <div className="stack">
          <Check name="identityConfirmed" checked={identity} onCheck={setIdentity}>
            {t('start.identity')}
          </Check>
          <fieldset className="stack">
            <legend>{screened ? t('start.screeningOf', { when: f.dateTime(screened.recordedAt) }) : t('screening.title')}</legend>
            {screened && screening !== 'update' && <ScreeningSummary p={p} />}
            {screened && <Radios legend={t('start.stillTrue')} legendClass="sr-only" name="screeningConfirm" className="row plain" value={screening} onChoose={setScreening} options={confirmOptions} />}
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
          <Field label={t('start.notes')} hint={t('field.optional')} field="intake.notes">
            <textarea name="intakeNotes" value={notes} onChange={(e) => setNotes(e.target.value)} />
          </Field>
          {early && (
            <TextField label={t('start.whyEarly')} field="intake.tooEarlyReason" name="tooEarlyReason" value={tooEarlyReason} onText={setTooEarlyReason} />
          )}
          {needsAdmin && (
            <fieldset className="plain">
              <legend>{t('start.adminApproves')}</legend>
              <Credentials who="Administrator" field="intake.underMinimumApproval.username" value={admin} onChange={setAdmin} />
            </fieldset>
          )}
          <FormAlert />
          <Actions cancel={{ label: t('common.cancel'), onClick: onClose }}>
            <button type="button" onClick={submit} disabled={busy || !identity || screening !== 'unchanged' || (early && !tooEarlyReason.trim()) || (needsAdmin && !complete(admin))}>
              {t('start.begin')}
            </button>
          </Actions>
        </div>
      </FailureScope>
    </Modal>
  );
}
