// One session's record, read-only: map, per-zone table, limit events, the shot timeline, signatures,
// addenda. Admins reach it from the session records, clinicians from the patient's past sessions.
import { useLoad } from '../api/hooks.js';
import { AddendaList, SessionFacts } from '../session/SessionFacts.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Card } from '../kit/index.js';
import { useNavigate, type Route } from '../navigation.js';
import { ShotTimeline } from './ShotTimeline.js';

export function SessionDetail({ id, back }: { id: number; back: Route }) {
  const go = useNavigate();
  const t = useT();
  const f = useFormat();
  const session = useLoad('sessions.get', { sessionId: id });
  const s = session.data;
  const patient = useLoad('patients.get', s ? { id: s.patientId } : null);
  if (session.error) return <p className="error" role="alert">{session.error}</p>;
  if (!s) return <p>{t('table.loading')}</p>;
  return (
    <div className="stack">
      <div className="row between">
        <div>
          <h1>{t('admin.detail.title', { id: s.id })}</h1>
          <p className="muted">
            {[
              patient.data ? t('admin.detail.patient', { name: patient.data.fullName ?? patient.data.clinicId ?? t('admin.sessions.noName'), born: f.date(patient.data.birthDate) }) : t('admin.detail.patientUnknown', { id: s.patientId }),
              f.dateTime(s.startedAt),
              t('admin.sessionStatus', { status: s.status }),
            ].join(' · ')}
          </p>
        </div>
        <div className="row no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('admin.detail.print')}
          </button>
          <button type="button" className="secondary" onClick={() => go(back)}>
            {t('admin.detail.back', { to: back.name })}
          </button>
        </div>
      </div>
      {s.signatures.length > 0 && (
        <p className="okbox">
          {s.signatures.map((g) => t('admin.detail.signed', { name: g.displayName, meaning: g.meaning, when: f.dateTime(g.signedAt) })).join(' · ')}
        </p>
      )}
      <SessionFacts s={s} />
      <ShotTimeline sessionId={s.id} />
      {s.addenda.length > 0 && (
        <Card title={t('admin.detail.addenda')} titleId="ad-title">
          <AddendaList addenda={s.addenda} />
        </Card>
      )}
    </div>
  );
}
