// A patient's past sessions, newest first, as a clinician reviews them before treating: date, serum,
// lot, total, a small scalp map, overrides, what went wrong and the notes. Each opens its record.
import type { SessionHistoryItem } from '../../electron/contract/sessions.js';
import { formatVolume } from '../../electron/contract/units.js';
import { useLoad } from '../api/hooks.js';
import { MiniScalpMap } from '../components/ScalpMap.js';
import { fmtDateTime, zoneLabel } from '../format.js';

function mapLabel(h: SessionHistoryItem): string {
  const given = h.zones.filter((z) => z.deliveredNl > 0);
  return given.length === 0 ? 'Scalp map: no zone received serum' : `Scalp map: ${given.map((z) => `${zoneLabel(z.zone)} ${formatVolume(z.deliveredNl)}`).join(', ')}`;
}

const STATUS_WORDS: Record<SessionHistoryItem['status'], string> = { signed: 'signed', aborted: 'aborted', in_progress: 'in progress' };

export function HistoryCard({ patientId, onOpen }: { patientId: number; onOpen: (sessionId: number) => void }) {
  const history = useLoad('sessions.history', { patientId });
  return (
    <section className="card stack" aria-labelledby="pt-history">
      <h2 id="pt-history">Past sessions</h2>
      {history.error && <p className="error" role="alert">{history.error}</p>}
      {history.data?.length === 0 && <p className="muted">No session yet.</p>}
      <ul className="stack" aria-label="Past sessions">
        {history.data?.map((h) => (
          <li key={h.id} className="history-row" data-testid="history-item">
            <MiniScalpMap figures={Object.fromEntries(h.zones.map((z) => [z.zone, z]))} label={mapLabel(h)} />
            <div className="stack" style={{ flex: 1, gap: 4 }}>
              <p>
                <strong>{fmtDateTime(h.startedAt)}</strong> · {STATUS_WORDS[h.status]} · {h.clinicianName}
              </p>
              <p>
                {h.serumName ?? 'no serum loaded'}
                {h.lotNumber ? ` · lot ${h.lotNumber}` : ''} · {formatVolume(h.totalDeliveredNl)} in {h.totalShots} shots
              </p>
              {h.overrides.length > 0 && (
                <p className="small">
                  Overrides: {h.overrides.map((o) => `${o.detail}${o.reason ? ` (${o.reason})` : ''}`).join('; ')}
                </p>
              )}
              {h.adverseEvents.length > 0 && <p className="small">Events: {h.adverseEvents.map((a) => a.detail).join('; ')}</p>}
              {h.notes.map((n) => (
                <p key={`${n.kind}-${n.at}`} className="small muted">
                  {n.kind === 'intake' ? 'Intake note' : n.kind === 'closing' ? 'Closing note' : n.kind === 'abort' ? 'Aborted' : 'Addendum'}: {n.text}
                </p>
              ))}
            </div>
            <button type="button" className="secondary" onClick={() => onOpen(h.id)} aria-label={`Open the session of ${fmtDateTime(h.startedAt)}`}>
              Open
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
