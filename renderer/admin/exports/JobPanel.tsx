// A running or finished export: its progress (counting, writing, the manifest), Cancel while it runs,
// and what it left: the files, the manifest and folder, or that nothing complete-looking was left.
import type { ExportJobView } from '../../../electron/contract/exports.js';
import { fmtDateTime } from '../../format.js';

const PHASE_WORDS: Record<ExportJobView['phase'], string> = { counting: 'Counting rows…', writing: 'Writing files…', finalising: 'Writing the manifest…', done: 'Done' };
const TITLES: Record<ExportJobView['state'], string> = { running: 'Export running', done: 'Export complete', cancelled: 'Export cancelled', failed: 'Export failed' };

function Progress({ job, onCancel, busy }: { job: ExportJobView; onCancel: () => void; busy: boolean }) {
  const pct = job.rowsTotal > 0 ? Math.min(100, Math.round((100 * job.rowsDone) / job.rowsTotal)) : null;
  return (
    <>
      <div className="row between small">
        <span aria-live="polite">{PHASE_WORDS[job.phase]}</span>
        <span className="num">
          {job.rowsDone.toLocaleString()} of {job.rowsTotal > 0 ? job.rowsTotal.toLocaleString() : '…'} rows · file {Math.min(job.filesDone + 1, job.filesTotal)} of {job.filesTotal}
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-valuetext={pct === null ? 'counting' : `${pct} %`}>
        <div style={{ width: `${pct ?? 0}%` }} />
      </div>
      <div className="row end">
        <button type="button" className="danger" onClick={onCancel} disabled={busy} data-testid="cancel-export">
          Cancel export
        </button>
      </div>
    </>
  );
}

function Written({ job }: { job: ExportJobView }) {
  return (
    <>
      <div className="okbox stack" role="status">
        <span>
          {job.files} file{job.files === 1 ? '' : 's'} written, {job.rowsDone.toLocaleString()} rows, {(job.bytesWritten / 1024).toFixed(0)} KiB, finished {fmtDateTime(job.finishedAt)}.
        </span>
      </div>
      <dl className="facts wrap-paths">
        <dt>Manifest</dt>
        <dd>
          <code data-testid="manifest-path">{job.manifestPath}</code>
        </dd>
        <dt>Folder</dt>
        <dd>
          <code>{job.targetDir}</code>
        </dd>
        <dt>Export</dt>
        <dd>
          <code>{job.exportId}</code> (every file is named {job.exportId}.*; the manifest lists them with their SHA-256)
        </dd>
      </dl>
    </>
  );
}

export function JobPanel({ job, onCancel, busy }: { job: ExportJobView; onCancel: () => void; busy: boolean }) {
  return (
    <section className="card stack" aria-labelledby="ex-job" data-testid="export-job" data-state={job.state}>
      <h2 id="ex-job">{TITLES[job.state]}</h2>
      {job.state === 'running' && <Progress job={job} onCancel={onCancel} busy={busy} />}
      {job.state === 'done' && <Written job={job} />}
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
