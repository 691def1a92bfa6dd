// A patient's past sessions, newest first, as a clinician reviews them before treating: date, serum,
// lot, total, a small scalp map, overrides, what went wrong and the notes. Each opens its record, and
// each gives the patient's sheet in the patient's language.
import type { Language } from '../../electron/contract/languages.js';
import type { SessionHistoryItem } from '../../electron/contract/sessions.js';
import { useLoad } from '../api/hooks.js';
import { MiniScalpMap } from '../components/ScalpMap.js';
import { Msg, useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card } from '../kit/index.js';
import { PatientSheetButton } from './PatientSheetButton.js';
import { SESSION_STATUS_WORDS } from './words.js';

function mapLabel(t: Translate, f: Format, h: SessionHistoryItem): string {
  const given = h.zones.filter((z) => z.deliveredNl > 0);
  return given.length === 0 ? t('history.mapNone') : t('history.map', { zones: given.map((z) => `${f.zone(z.zone)} ${f.volume(z.deliveredNl)}`).join(', ') });
}

/** `sheetLanguage`: what the patient's sheet comes in (the patient's preferred language, else the station's). */
export function HistoryCard({ patientId, sheetLanguage, onOpen }: { patientId: number; sheetLanguage: Language; onOpen: (sessionId: number) => void }) {
  const t = useT();
  const f = useFormat();
  const history = useLoad('sessions.history', { patientId });
  return (
    <Card title={t('history.title')} titleId="pt-history">
      {history.error && <p className="error" role="alert">{history.error}</p>}
      {history.data?.length === 0 && <p className="muted">{t('history.none')}</p>}
      <ul className="stack" aria-label={t('history.title')}>
        {history.data?.map((h) => (
          <li key={h.id} className="history-row" data-testid="history-item">
            <MiniScalpMap figures={Object.fromEntries(h.zones.map((z) => [z.zone, z]))} label={mapLabel(t, f, h)} />
            <div className="stack" style={{ flex: 1, gap: 4 }}>
              <p>
                <Msg id="history.heading" values={{ when: f.dateTime(h.startedAt), status: t(SESSION_STATUS_WORDS[h.status]), clinician: h.clinicianName }} />
              </p>
              <p>
                {t(h.lotNumber ? 'history.serumLot' : 'history.serumNoLot', {
                  serum: h.serumName ?? t('history.noSerum'),
                  lot: h.lotNumber ?? '',
                  volume: f.volume(h.totalDeliveredNl),
                  shots: h.totalShots,
                })}
              </p>
              {h.overrides.length > 0 && <p className="small">{t('history.overrides', { list: h.overrides.map((o) => `${o.detail}${o.reason ? ` (${o.reason})` : ''}`).join('; ') })}</p>}
              {h.adverseEvents.length > 0 && <p className="small">{t('history.events', { list: h.adverseEvents.map((a) => a.detail).join('; ') })}</p>}
              {h.notes.map((n) => (
                <p key={`${n.kind}-${n.at}`} className="small muted">
                  {t('history.note', { kind: n.kind, text: n.text })}
                </p>
              ))}
            </div>
            <div className="stack" style={{ gap: 8, alignItems: 'flex-end' }}>
              <button type="button" className="secondary" onClick={() => onOpen(h.id)} aria-label={t('history.openNamed', { when: f.dateTime(h.startedAt) })}>
                {t('history.open')}
              </button>
              {h.status !== 'in_progress' && <PatientSheetButton sessionId={h.id} language={sheetLanguage} />}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
