// The sessions behind one bar of a quality chart (quality.drill), newest first; each opens its
// session record. For unattributed doses, the dose records themselves.
import { useState } from 'react';
import { useLoad } from '../../api/hooks.js';
import { Modal } from '../../components/Modal.js';
import { fmtDateTime, zoneLabel } from '../../format.js';
import { formatVolume } from '../../../electron/contract/units.js';
import { useNavigate } from '../../navigation.js';
import type { DrillTarget } from './Dashboard.js';
import { METRIC_WORDS } from './words.js';

const PAGE = 50;

export function DrillDialog({ target, range, onClose }: { target: DrillTarget; range: { fromDate: string; toDate: string }; onClose: () => void }) {
  const go = useNavigate();
  const [offset, setOffset] = useState(0);
  const drill = useLoad('quality.drill', { ...range, metric: target.metric, dimension: target.dimension, key: target.bar.row.key, limit: PAGE, offset });
  const d = drill.data;
  const total = d ? Math.max(d.totalSessions, d.totalRecords) : 0;
  return (
    <Modal title={`${METRIC_WORDS[target.metric].title}: ${target.bar.label}`} onClose={onClose}>
      <p className="small drill">
        {target.bar.row.events} in {target.bar.row.shots} shots, {range.fromDate} to {range.toDate}.
      </p>
      {drill.error && <p className="error" role="alert">{drill.error}</p>}
      {d && d.sessions.length > 0 && (
        <table data-testid="drill-sessions">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Started</th>
              <th scope="col">Clinician</th>
              <th scope="col">Patient</th>
              <th scope="col">Serum</th>
              <th scope="col" className="num">Events</th>
            </tr>
          </thead>
          <tbody>
            {d.sessions.map((s) => (
              <tr key={s.sessionId} data-session={s.sessionId}>
                <td>
                  <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: s.sessionId })} aria-label={`Open session ${s.sessionId}`}>
                    {s.sessionId}
                  </button>
                </td>
                <td>{fmtDateTime(s.startedAt)}</td>
                <td>{s.clinicianName}</td>
                <td>{s.patientName ?? s.patientClinicId ?? '—'}</td>
                <td>{s.serum ? `${s.serum.name} v${s.serum.version}` : '—'}</td>
                <td className="num">{s.events}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d && d.records.length > 0 && (
        <table data-testid="drill-records">
          <thead>
            <tr>
              <th scope="col">Gun, record</th>
              <th scope="col">Arrived</th>
              <th scope="col" className="num">Delivered</th>
              <th scope="col">Why no session</th>
              <th scope="col">Assigned since</th>
            </tr>
          </thead>
          <tbody>
            {d.records.map((r) => (
              <tr key={r.doseRecordId} data-dose={r.doseRecordId}>
                <td>
                  {r.gunSerial} #{r.recordId}
                </td>
                <td>{fmtDateTime(r.receivedAt)}</td>
                <td className="num">{formatVolume(r.deliveredNl)}</td>
                <td>{r.reason}</td>
                <td>{r.assignment ? `session ${r.assignment.sessionId}, ${zoneLabel(r.assignment.zone)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d && total === 0 && <p className="muted">Nothing behind this bar.</p>}
      <div className="row between">
        <span className="small muted" data-testid="drill-range">
          {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <div className="row">
          <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
