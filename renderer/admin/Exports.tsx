// Admin: records exports (issue 5). Filters choose sessions; outputs choose the files; the export
// runs in the core's background and this screen polls its progress (exports.progress), with Cancel
// (exports.cancel). A cancelled or failed export leaves no complete-looking file: the core writes to
// temporary names and renames at the end. "Lot recall" pre-selects the recall output and asks for
// the lot number, which the core requires for it: Run stays available without it, so the core's own
// refusal (naming the field) is what the admin reads, and the lot field is marked.
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { StationCallError } from '../../electron/contract/api.js';
import { EXPORT_OUTPUTS, EXPORT_OUTPUT_LABELS, EXPORT_STATUS_NAMES, type ExportJobView, type ExportOutputName } from '../../electron/contract/exports.js';
import type { Input } from '../../electron/contract/index.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { ClinicianSelect, GunSelect } from '../components/RecordFilters.js';
import { fmtDateTime } from '../format.js';

type StatusName = (typeof EXPORT_STATUS_NAMES)[number];
const STATUS_LABELS: Record<StatusName, string> = { signed: 'Signed', aborted: 'Aborted', in_progress: 'In progress' };
const PHASE_WORDS: Record<ExportJobView['phase'], string> = { counting: 'Counting rows…', writing: 'Writing files…', finalising: 'Writing the manifest…', done: 'Done' };
/** Often enough for a smooth bar; each poll is one small in-memory read in the core. */
const POLL_MS = 400;
// Layout the shared stylesheet has no class for: a check box keeps its size when its label wraps;
// fieldsets without the browser's frame; long paths wrap instead of running out of their card.
const BOX: CSSProperties = { flexShrink: 0 };
const PLAIN_FIELDSET: CSSProperties = { border: 0, padding: 0, margin: 0, minWidth: 0 };
const STATUS_FIELDSET: CSSProperties = { ...PLAIN_FIELDSET, gridColumn: '1 / -1', display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 28 };
const STATUS_LEGEND: CSSProperties = { padding: 0, marginBottom: 4, fontWeight: 600, fontSize: '0.95rem', float: 'left', width: '100%' };
const INVALID: CSSProperties = { borderColor: 'var(--danger)', borderWidth: 2 };
const PATH: CSSProperties = { overflowWrap: 'anywhere' };

export function ExportsScreen() {
  const api = useApi();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [clinician, setClinician] = useState('');
  const [patientQuery, setPatientQuery] = useState('');
  const [patientId, setPatientId] = useState('');
  const patients = useLoad('patients.list', patientQuery.trim() ? { query: patientQuery.trim(), limit: 20 } : null);
  const [gunSerial, setGunSerial] = useState('');
  const [lot, setLot] = useState('');
  const [statuses, setStatuses] = useState<StatusName[]>([]);
  const [outputs, setOutputs] = useState<ExportOutputName[]>(['sessions_csv']);
  const [pseudonymise, setPseudonymise] = useState(false);
  const [bom, setBom] = useState(true);
  const [recall, setRecall] = useState(false);
  const [job, setJob] = useState<ExportJobView | null>(null);
  const { busy, error, setError, run } = useAction();
  /** The field the core's last refusal named ("filters.lotNumber"), to mark it. */
  const [badField, setBadField] = useState<string | null>(null);
  const lotInput = useRef<HTMLInputElement>(null);
  const jobBox = useRef<HTMLDivElement>(null);
  const errorBox = useRef<HTMLParagraphElement>(null);

  const running = job?.state === 'running';
  // Poll while the job runs; stop when it ends (or the screen closes).
  const jobId = job?.jobId;
  useEffect(() => {
    if (!jobId || !running) return;
    let live = true;
    const timer = setInterval(() => {
      api.call('exports.progress', { jobId }, { passive: true }).then(
        (v) => live && setJob(v),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, jobId, running, setError]);

  // The job panel and a refusal sit below the form: bring them into view when they appear or change,
  // so the progress bar and Cancel are on screen while the export runs.
  const jobState = job?.state;
  useEffect(() => {
    if (jobId) jobBox.current?.scrollIntoView({ block: 'nearest' });
  }, [jobId, jobState]);
  useEffect(() => {
    if (error) errorBox.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const startRecall = () => {
    setRecall(true);
    setOutputs(['recall_csv']);
    // The lot is what a recall is about: the cursor goes there.
    setTimeout(() => lotInput.current?.focus(), 0);
  };
  const toggleOutput = (o: ExportOutputName, on: boolean) => setOutputs((cur) => (on ? [...cur, o] : cur.filter((x) => x !== o)));
  const toggleStatus = (s: StatusName, on: boolean) => setStatuses((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)));

  const needsLot = outputs.includes('recall_csv') && !lot.trim();
  const datesWrong = from !== '' && to !== '' && from > to;
  // A missing lot does not disable Run: the core refuses it and says which field.
  const canRun = !busy && !running && outputs.length > 0 && !datesWrong;
  const lotInvalid = badField === 'filters.lotNumber';

  const start = async () => {
    const input: Input<'exports.run'> = {
      outputs: EXPORT_OUTPUTS.filter((o) => outputs.includes(o)),
      filters: {
        fromDate: from || undefined,
        toDate: to || undefined,
        clinicianUserId: clinician ? Number(clinician) : undefined,
        patientId: patientId ? Number(patientId) : undefined,
        gunSerial: gunSerial || undefined,
        lotNumber: lot.trim() || undefined,
        statuses: statuses.length > 0 ? statuses : undefined,
      },
      pseudonymise,
      bom,
    };
    setBadField(null);
    const v = await run(() =>
      api.call('exports.run', input).catch((e: unknown) => {
        if (e instanceof StationCallError) {
          setBadField(e.field ?? null);
          if (e.field === 'filters.lotNumber') setTimeout(() => lotInput.current?.focus(), 0);
        }
        throw e;
      }),
    );
    if (v) setJob(v);
  };
  const cancel = async () => {
    if (!job) return;
    const v = await run(() => api.call('exports.cancel', { jobId: job.jobId }));
    if (v) setJob(v);
  };

  return (
    <div className="stack">
      <div className="row between">
        <h1>Exports</h1>
        <button type="button" className="secondary" onClick={startRecall} disabled={running} data-testid="lot-recall">
          Lot recall…
        </button>
      </div>
      {recall && (
        <div className="notice row between" role="status">
          <span>
            <strong>Lot recall:</strong> every patient and session that received a lot. Type the lot number below, then run.
          </span>
          <button type="button" className="quiet" onClick={() => setRecall(false)}>
            Close
          </button>
        </div>
      )}
      <section className="card stack" aria-labelledby="ex-filters">
        <h2 id="ex-filters">Which sessions</h2>
        <div className="grid4">
          <label className="field">
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            To
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={datesWrong || undefined} />
          </label>
          <ClinicianSelect value={clinician} onChange={setClinician} />
          <GunSelect value={gunSerial} onChange={setGunSerial} />
          <label className="field">
            Patient search
            <input
              type="search"
              value={patientQuery}
              onChange={(e) => {
                setPatientQuery(e.target.value);
                setPatientId('');
              }}
            />
          </label>
          <label className="field">
            Patient
            <select value={patientId} onChange={(e) => setPatientId(e.target.value)} disabled={!patients.data}>
              <option value="">{patients.data ? 'Any of the matches' : 'Search first'}</option>
              {patients.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.fullName ?? p.clinicId} {p.birthDate ? `(${p.birthDate})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>
              Serum lot{outputs.includes('recall_csv') ? ' (needed for a recall)' : ''}
            </span>
            <input
              ref={lotInput}
              name="lot"
              value={lot}
              onChange={(e) => {
                setLot(e.target.value);
                if (lotInvalid) {
                  setBadField(null);
                  setError(null);
                }
              }}
              aria-invalid={lotInvalid || undefined}
              aria-describedby={lotInvalid ? 'ex-error' : undefined}
              style={lotInvalid ? INVALID : undefined}
              className={recall ? 'emphasis' : undefined}
            />
          </label>
          <fieldset className="checks" style={STATUS_FIELDSET}>
            <legend style={STATUS_LEGEND}>Status (none ticked: all)</legend>
            {EXPORT_STATUS_NAMES.map((st) => (
              <label key={st} className="check">
                <input type="checkbox" style={BOX} checked={statuses.includes(st)} onChange={(e) => toggleStatus(st, e.target.checked)} />
                {STATUS_LABELS[st]}
              </label>
            ))}
          </fieldset>
        </div>
        {datesWrong && <p className="error">The first day is after the last day.</p>}
      </section>
      <div className="grid2">
        <section className="card stack" aria-labelledby="ex-outputs">
          <h2 id="ex-outputs">Files</h2>
          <fieldset className="checks plain" style={PLAIN_FIELDSET}>
            <legend className="sr-only">Outputs</legend>
            {EXPORT_OUTPUTS.map((o) => (
              <label key={o} className="check">
                <input type="checkbox" style={BOX} name={o} checked={outputs.includes(o)} onChange={(e) => toggleOutput(o, e.target.checked)} />
                {EXPORT_OUTPUT_LABELS[o]}
              </label>
            ))}
          </fieldset>
          {outputs.length === 0 && <p className="muted">Choose at least one.</p>}
        </section>
        <section className="card stack" aria-labelledby="ex-options">
          <h2 id="ex-options">Options</h2>
          <label className="check">
            <input type="checkbox" style={BOX} checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} />
            Pseudonymise: no names, birth dates or free text; a stable patient code instead
          </label>
          <label className="check">
            <input type="checkbox" style={BOX} checked={bom} onChange={(e) => setBom(e.target.checked)} />
            Byte-order mark in CSV files (Excel needs it to read accents)
          </label>
          <p className="muted small">Files are written to the station's export folder, with a manifest listing each file and its SHA-256. The export is recorded in the audit trail.</p>
          <button type="button" className="big" onClick={start} disabled={!canRun} data-testid="run-export">
            {outputs.includes('recall_csv') && outputs.length === 1 ? 'Run the lot recall' : 'Run export'}
          </button>
          {needsLot && !lotInvalid && <p className="warnbox">A lot recall needs the lot number.</p>}
          {error && (
            <p className="error" role="alert" id="ex-error" ref={errorBox}>
              {error}
            </p>
          )}
        </section>
      </div>
      {job && (
        <div ref={jobBox}>
          <JobPanel job={job} onCancel={cancel} busy={busy} />
        </div>
      )}
    </div>
  );
}

function JobPanel({ job, onCancel, busy }: { job: ExportJobView; onCancel: () => void; busy: boolean }) {
  const pct = job.rowsTotal > 0 ? Math.min(100, Math.round((100 * job.rowsDone) / job.rowsTotal)) : job.state === 'done' ? 100 : null;
  return (
    <section className="card stack" aria-labelledby="ex-job" data-testid="export-job" data-state={job.state}>
      <h2 id="ex-job">
        {job.state === 'running' ? 'Export running' : job.state === 'done' ? 'Export complete' : job.state === 'cancelled' ? 'Export cancelled' : 'Export failed'}
      </h2>
      {job.state === 'running' && (
        <>
          <div className="row between small">
            <span aria-live="polite">{PHASE_WORDS[job.phase]}</span>
            <span className="num">
              {job.rowsDone.toLocaleString()} of {job.rowsTotal > 0 ? job.rowsTotal.toLocaleString() : '…'} rows · file {Math.min(job.filesDone + 1, job.filesTotal)} of {job.filesTotal}
            </span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            aria-valuetext={pct === null ? 'counting' : `${pct} %`}
          >
            <div style={{ width: `${pct ?? 0}%` }} />
          </div>
          <div className="row end">
            <button type="button" className="danger" onClick={onCancel} disabled={busy} data-testid="cancel-export">
              Cancel export
            </button>
          </div>
        </>
      )}
      {job.state === 'done' && (
        <div className="okbox stack" role="status">
          <span>
            {job.files} file{job.files === 1 ? '' : 's'} written, {job.rowsDone.toLocaleString()} rows, {(job.bytesWritten / 1024).toFixed(0)} KiB, finished {fmtDateTime(job.finishedAt)}.
          </span>
        </div>
      )}
      {job.state === 'done' && (
        <dl className="facts" style={{ gridTemplateColumns: 'max-content minmax(0, 1fr)' }}>
          <dt>Manifest</dt>
          <dd>
            <code data-testid="manifest-path" style={PATH}>{job.manifestPath}</code>
          </dd>
          <dt>Folder</dt>
          <dd>
            <code style={PATH}>{job.targetDir}</code>
          </dd>
          <dt>Export</dt>
          <dd>
            <code style={PATH}>{job.exportId}</code> (every file is named {job.exportId}.*; the manifest lists them with their SHA-256)
          </dd>
        </dl>
      )}
      {job.warnings.length > 0 && (
        <ul className="warnbox">
          {job.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {job.state === 'cancelled' && (
        <p className="notice" role="status">
          Cancelled. Its temporary files were removed: no file of this export looks complete, and no manifest was written.
        </p>
      )}
      {job.state === 'failed' && (
        <p className="error" role="alert">
          {job.error?.message ?? 'The export failed.'} Nothing that looks complete was left behind.
        </p>
      )}
    </section>
  );
}
