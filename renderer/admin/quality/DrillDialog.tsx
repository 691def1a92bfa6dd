// The sessions behind one bar of a quality chart (quality.drill), newest first; each opens its
// session record, whose Back returns here. For unattributed doses, the dose records themselves.
import { useMemo, useState } from 'react';
import type { QualityDrillRecord, QualityDrillSession } from '../../../electron/contract/quality.js';
import { useLoad } from '../../api/hooks.js';
import { Modal } from '../../components/Modal.js';
import { useT } from '../../i18n/I18n.js';
import { useFormat } from '../../i18n/useFormat.js';
import { DataTable, FormAlert, Pager, type Column } from '../../kit/index.js';
import { useNavigate } from '../../navigation.js';
import type { DrillTarget } from './Dashboard.js';
import { METRIC_WORDS } from './words.js';

const PAGE = 50;

export function DrillDialog({ target, range, onClose }: { target: DrillTarget; range: { fromDate: string; toDate: string }; onClose: () => void }) {
  const go = useNavigate();
  const t = useT();
  const f = useFormat();
  const [offset, setOffset] = useState(0);
  const drill = useLoad('quality.drill', { ...range, metric: target.metric, dimension: target.dimension, key: target.bar.row.key, limit: PAGE, offset });
  const d = drill.data;
  const total = d ? Math.max(d.totalSessions, d.totalRecords) : 0;
  const sessionColumns = useMemo<Column<QualityDrillSession>[]>(
    () => [
      {
        id: 'session',
        header: t('quality.drill.session'),
        cell: (s) => (
          <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: s.sessionId, from: 'quality' })} aria-label={t('quality.drill.open', { id: s.sessionId })}>
            {s.sessionId}
          </button>
        ),
      },
      { id: 'started', header: t('quality.drill.started'), cell: (s) => f.dateTime(s.startedAt) },
      { id: 'clinician', header: t('quality.drill.clinician'), cell: (s) => s.clinicianName },
      { id: 'patient', header: t('quality.drill.patient'), cell: (s) => s.patientName ?? s.patientClinicId ?? '—' },
      { id: 'serum', header: t('quality.drill.serum'), cell: (s) => (s.serum ? t('quality.row.serumWithVersion', { name: s.serum.name, version: s.serum.version }) : '—') },
      { id: 'events', header: t('quality.drill.events'), cell: (s) => f.number(s.events), numeric: true },
    ],
    [t, f, go],
  );
  const recordColumns = useMemo<Column<QualityDrillRecord>[]>(
    () => [
      { id: 'record', header: t('quality.drill.gunRecord'), cell: (r) => t('quality.drill.gunRecordValue', { gun: r.gunSerial, record: r.recordId }) },
      { id: 'arrived', header: t('quality.drill.arrived'), cell: (r) => f.dateTime(r.receivedAt) },
      { id: 'delivered', header: t('quality.drill.delivered'), cell: (r) => f.volume(r.deliveredNl), numeric: true },
      { id: 'why', header: t('quality.drill.whyNoSession'), cell: (r) => r.reason },
      {
        id: 'assigned',
        header: t('quality.drill.assigned'),
        cell: (r) => (r.assignment ? t('quality.assignedTo', { session: r.assignment.sessionId, zone: f.zone(r.assignment.zone) }) : '—'),
      },
    ],
    [t, f],
  );
  return (
    <Modal title={t('quality.drill.title', { metric: t(METRIC_WORDS[target.metric].title), label: target.bar.label })} onClose={onClose}>
      <p className="small drill">
        {t('quality.drill.summary', { events: target.bar.row.events, shots: target.bar.row.shots, from: f.date(`${range.fromDate}T00:00`), to: f.date(`${range.toDate}T00:00`) })}
      </p>
      <FormAlert message={drill.error} />
      {d && d.sessions.length > 0 && (
        <div data-testid="drill-sessions">
          <DataTable caption={t('quality.drill.sessionsCaption')} columns={sessionColumns} rows={d.sessions} rowKey={(s) => s.sessionId} rowProps={(s) => ({ 'data-session': s.sessionId })} empty={t('quality.drill.nothing')} compact />
        </div>
      )}
      {d && d.records.length > 0 && (
        <div data-testid="drill-records">
          <DataTable caption={t('quality.drill.recordsCaption')} columns={recordColumns} rows={d.records} rowKey={(r) => r.doseRecordId} rowProps={(r) => ({ 'data-dose': r.doseRecordId })} empty={t('quality.drill.nothing')} compact />
        </div>
      )}
      {d && total === 0 && <p className="muted">{t('quality.drill.nothing')}</p>}
      <div className="row between">
        <span className="small muted" data-testid="drill-range">
          {total === 0 ? '' : t('quality.page', { first: offset + 1, last: Math.min(offset + PAGE, total), total })}
        </span>
        <div className="row">
          <Pager offset={offset} size={PAGE} total={total} onOffset={setOffset} words={{ newer: t('quality.newer'), older: t('quality.older') }} />
          <button type="button" onClick={onClose}>
            {t('quality.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
