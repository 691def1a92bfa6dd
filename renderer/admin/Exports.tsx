// Admin: records exports (issue 5). Filters choose sessions; outputs choose the files; the export
// runs in the core's background and this screen follows its progress (exports/useExportJob.ts), with
// Cancel. A cancelled or failed export leaves no complete-looking file: the core writes to temporary
// names and renames at the end. "Lot recall" pre-selects the recall output and asks for the lot
// number, which the core requires for it: Run stays available without it, so the core's own refusal
// (naming the field) is what the admin reads, at the lot field.
import { useEffect, useRef, useState } from 'react';
import { EXPORT_OUTPUTS, EXPORT_STATUS_NAMES, type ExportOutputName } from '../../electron/contract/exports.js';
import type { Input } from '../../electron/contract/index.js';
import { NO_FILTER, SessionFilterFields, datesReversed, type FilterDraft } from '../components/SessionFilterFields.js';
import { Msg, useT } from '../i18n/I18n.js';
import { Card, Check, FailureScope, FormAlert, toggle } from '../kit/index.js';
import { JobPanel } from './exports/JobPanel.js';
import { useExportJob } from './exports/useExportJob.js';

type StatusName = (typeof EXPORT_STATUS_NAMES)[number];
const LOT_FIELD = 'filters.lotNumber';

export function ExportsScreen() {
  const t = useT();
  const [draft, setDraft] = useState<FilterDraft>(NO_FILTER);
  const [statuses, setStatuses] = useState<StatusName[]>([]);
  const [outputs, setOutputs] = useState<ExportOutputName[]>(['sessions_csv']);
  const [pseudonymise, setPseudonymise] = useState(false);
  const [bom, setBom] = useState(true);
  const [recall, setRecall] = useState(false);
  const { job, running, start, cancel, busy, failure } = useExportJob();
  const lotInput = useRef<HTMLInputElement>(null);
  const jobBox = useRef<HTMLDivElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);

  // The job panel and a refusal sit below the form: bring them into view when they appear or change,
  // so the progress bar and Cancel are on screen while the export runs. A refusal naming the lot puts
  // the cursor there, where it is said.
  useEffect(() => {
    if (job) jobBox.current?.scrollIntoView({ block: 'nearest' });
  }, [job?.jobId, job?.state]);
  useEffect(() => {
    if (failure?.field === LOT_FIELD) lotInput.current?.focus();
    else if (failure) alertBox.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);

  const startRecall = () => {
    setRecall(true);
    setOutputs(['recall_csv']);
    // The lot is what a recall is about: the cursor goes there.
    setTimeout(() => lotInput.current?.focus(), 0);
  };
  const recallChosen = outputs.includes('recall_csv');
  // A missing lot does not disable Run: the core refuses it and says which field.
  const canRun = !busy && !running && outputs.length > 0 && !datesReversed(draft);

  const run = () => {
    const input: Input<'exports.run'> = {
      outputs: EXPORT_OUTPUTS.filter((o) => outputs.includes(o)),
      filters: {
        fromDate: draft.from || undefined,
        toDate: draft.to || undefined,
        clinicianUserId: draft.clinician ? Number(draft.clinician) : undefined,
        patientId: draft.patientId ?? undefined,
        gunSerial: draft.gunSerial || undefined,
        lotNumber: draft.lot.trim() || undefined,
        statuses: statuses.length > 0 ? statuses : undefined,
      },
      pseudonymise,
      bom,
    };
    void start(input);
  };

  return (
    <FailureScope failure={failure}>
      <div className="stack">
        <div className="row between">
          <h1>{t('route.exports')}</h1>
          <button type="button" className="secondary" onClick={startRecall} disabled={running} data-testid="lot-recall">
            {t('admin.exports.recallButton')}
          </button>
        </div>
        {recall && (
          <div className="notice row between" role="status">
            <span>
              <Msg id="admin.exports.recallNotice" />
            </span>
            <button type="button" className="quiet" onClick={() => setRecall(false)}>
              {t('admin.exports.close')}
            </button>
          </div>
        )}
        <Card title={t('admin.exports.whichSessions')} titleId="ex-filters">
          <div className="grid4">
            <SessionFilterFields value={draft} onChange={setDraft} lot={{ hint: recallChosen ? t('admin.exports.lotNeeded') : undefined, inputRef: lotInput, emphasis: recall, field: LOT_FIELD }} />
            <fieldset className="checks plain status-choice">
              <legend>{t('admin.exports.statuses')}</legend>
              {EXPORT_STATUS_NAMES.map((st) => (
                <Check key={st} checked={statuses.includes(st)} onCheck={(on) => setStatuses(toggle(statuses, st, on))}>
                  {t('admin.sessionStatus', { status: st })}
                </Check>
              ))}
            </fieldset>
          </div>
        </Card>
        <div className="grid2">
          <Card title={t('admin.exports.files')} titleId="ex-outputs">
            <fieldset className="checks plain">
              <legend className="sr-only">{t('admin.exports.outputs')}</legend>
              {EXPORT_OUTPUTS.map((o) => (
                <Check key={o} name={o} checked={outputs.includes(o)} onCheck={(on) => setOutputs(toggle(outputs, o, on))}>
                  {t('admin.exports.output', { output: o })}
                </Check>
              ))}
            </fieldset>
            {outputs.length === 0 && <p className="muted">{t('admin.exports.chooseOne')}</p>}
          </Card>
          <Card title={t('admin.exports.options')} titleId="ex-options">
            <Check checked={pseudonymise} onCheck={setPseudonymise}>
              {t('admin.exports.pseudonymise')}
            </Check>
            <Check checked={bom} onCheck={setBom}>
              {t('admin.exports.bom')}
            </Check>
            <p className="muted small">{t('admin.exports.where')}</p>
            <button type="button" className="big" onClick={run} disabled={!canRun} data-testid="run-export">
              {recallChosen && outputs.length === 1 ? t('admin.exports.runRecall') : t('admin.exports.run')}
            </button>
            {recallChosen && !draft.lot.trim() && failure?.field !== LOT_FIELD && <p className="warnbox">{t('admin.exports.recallNeedsLot')}</p>}
            <div ref={alertBox}>
              <FormAlert />
            </div>
          </Card>
        </div>
        {job && (
          <div ref={jobBox}>
            <JobPanel job={job} onCancel={() => void cancel()} busy={busy} />
          </div>
        )}
      </div>
    </FailureScope>
  );
}
