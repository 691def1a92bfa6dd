// A running or finished export: its progress (counting, writing, the manifest), Cancel while it runs,
// and what it left: the files, the manifest and folder, or that nothing complete-looking was left.
import type { ExportJobView } from '../../../electron/contract/exports.js';
import { Msg, useT } from '../../i18n/I18n.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Card } from '../../kit/index.js';
import { useReasonText } from '../../reasons.js';

function Progress({ job, onCancel, busy }: { job: ExportJobView; onCancel: () => void; busy: boolean }) {
  const t = useT();
  const f = useFormat();
  const pct = job.rowsTotal > 0 ? Math.min(100, Math.round((100 * job.rowsDone) / job.rowsTotal)) : null;
  return (
    <>
      <div className="row between small">
        <span aria-live="polite">{t('admin.exports.phase', { phase: job.phase })}</span>
        <span className="num">
          {t('admin.exports.progress', {
            done: f.number(job.rowsDone),
            total: job.rowsTotal > 0 ? f.number(job.rowsTotal) : '…',
            file: Math.min(job.filesDone + 1, job.filesTotal),
            files: job.filesTotal,
          })}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('admin.exports.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={pct === null ? t('admin.exports.counting') : t('admin.exports.percent', { pct })}
      >
        <div style={{ width: `${pct ?? 0}%` }} />
      </div>
      <div className="row end">
        <button type="button" className="danger" onClick={onCancel} disabled={busy} data-testid="cancel-export">
          {t('admin.exports.cancel')}
        </button>
      </div>
    </>
  );
}

function Written({ job }: { job: ExportJobView }) {
  const t = useT();
  const f = useFormat();
  return (
    <>
      <div className="okbox stack" role="status">
        <span>{t('admin.exports.written', { files: job.files, rows: f.number(job.rowsDone), kib: f.number(job.bytesWritten / 1024), when: f.dateTime(job.finishedAt) })}</span>
      </div>
      <dl className="facts wrap-paths">
        <dt>{t('admin.exports.manifest')}</dt>
        <dd>
          <code data-testid="manifest-path">{job.manifestPath}</code>
        </dd>
        <dt>{t('admin.exports.folder')}</dt>
        <dd>
          <code>{job.targetDir}</code>
        </dd>
        <dt>{t('admin.exports.export')}</dt>
        <dd>
          <Msg id="admin.exports.exportId" values={{ id: job.exportId, code: (chunks) => <code>{chunks}</code> }} />
        </dd>
      </dl>
    </>
  );
}

export function JobPanel({ job, onCancel, busy }: { job: ExportJobView; onCancel: () => void; busy: boolean }) {
  const t = useT();
  const words = useReasonText();
  return (
    <Card title={t('admin.exports.jobTitle', { state: job.state })} titleId="ex-job" data-testid="export-job" data-state={job.state}>
      {job.state === 'running' && <Progress job={job} onCancel={onCancel} busy={busy} />}
      {job.state === 'done' && <Written job={job} />}
      {job.warnings.length > 0 && (
        <ul className="warnbox">
          {job.warnings.map((w, n) => (
            <li key={n}>{words.reason(w)}</li>
          ))}
        </ul>
      )}
      {job.state === 'cancelled' && (
        <p className="notice" role="status">
          {t('admin.exports.cancelled')}
        </p>
      )}
      {job.state === 'failed' && (
        <p className="error" role="alert">
          {t('admin.exports.failed', { error: job.error ? words.error(job.error) : t('admin.exports.failedPlain') })}
        </p>
      )}
    </Card>
  );
}
