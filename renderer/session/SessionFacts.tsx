// A session's record as it is read back: the scalp map, the facts (who, what, how much, what
// happened), the per-zone table, the limit events and the addenda. Shown at review, after signing or
// aborting, and in the read-only record admins and clinicians open later.
import type { SessionView } from '../../electron/contract/sessions.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { Msg, useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, type Column } from '../kit/index.js';
import { ReasonWords } from '../ReasonWords.js';
import { useReasonText } from '../reasons.js';
import { NO_FIGURE, ZoneTable } from './ZoneTable.js';

type LimitEvent = SessionView['limitEvents'][number];

function limitEventColumns(t: Translate, f: Format): Column<LimitEvent>[] {
  return [
    { id: 'time', header: t('facts.time'), cell: (e) => f.dateTime(e.at), sort: (e) => e.at },
    { id: 'kind', header: t('facts.kind'), cell: (e) => t('facts.limitKind', { kind: e.kind }), sort: (e) => e.kind },
    { id: 'zone', header: t('facts.zone'), cell: (e) => (e.zone ? f.zone(e.zone) : t('facts.scope', { scope: e.scope })) },
    {
      id: 'detail',
      header: t('facts.detail'),
      cell: (e) => <ReasonWords reason={e.what} />,
    },
    { id: 'reason', header: t('facts.reason'), cell: (e) => e.reason ?? '' },
  ];
}

/** Steam and massage as they were given: completed, shortened (with the time, reason and approver), or skipped. */
function thermoRecord(s: SessionView, t: Translate, f: Format): string {
  if (s.thermo.skipped) return t('facts.thermoSkipped', { reason: s.thermo.skipped.reason, admin: s.thermo.skipped.approvedBy });
  const stage = (name: 'steam' | 'massage') => {
    const timer = s.thermo[name];
    const words = t('facts.thermoStage', { stage: name });
    if (timer.endedAt === null) return t('facts.stageOpen', { stage: words });
    if (timer.shortened)
      return t('facts.stageShortened', {
        stage: words,
        given: f.duration(timer.shortened.givenMs),
        planned: f.duration(timer.plannedMs),
        reason: timer.shortened.reason,
        admin: timer.shortened.approvedBy,
      });
    return t('facts.stageCompleted', { stage: words, given: f.duration(timer.givenMs) });
  };
  return `${stage('steam')}; ${stage('massage')}`;
}

export function SessionFacts({ s }: { s: SessionView }) {
  const t = useT();
  const words = useReasonText();
  const f = useFormat();
  const figures: Record<string, ZoneFigures> = {};
  for (const z of s.zones) figures[z.zone] = { deliveredNl: z.deliveredNl, targetNl: z.targetNl, shots: z.shots };
  const overrides = s.limitEvents.filter((e) => e.kind === 'soft_ack');
  return (
    <>
      <div className="grid2">
        <section className="card">
          <ScalpMap figures={figures} title={t('facts.map', { id: s.id })} />
        </section>
        <section className="card stack" aria-labelledby="facts-title">
          <h2 id="facts-title" tabIndex={-1} data-phase-focus="">
            {t('facts.title')}
          </h2>
          <dl className="facts">
            <dt>{t('facts.clinician')}</dt>
            <dd>{s.clinician.displayName}</dd>
            <dt>{t('facts.serum')}</dt>
            <dd>{s.serum ? t('facts.serumValue', { serum: s.serum.name, lot: s.serum.lotNumber, expiry: f.date(s.serum.expiry) }) : NO_FIGURE}</dd>
            <dt>{t('facts.gun')}</dt>
            <dd>
              {s.gun ? t('facts.gunValue', { model: s.gun.model, serial: s.gun.serial, firmware: s.gun.firmware }) : NO_FIGURE}
              {s.gun?.simulated ? t('facts.simulated') : ''}
            </dd>
            <dt>{t('facts.profile')}</dt>
            <dd>{s.profile ? t('facts.profileValue', { dose: f.volume(s.profile.doseNl), depth: f.depth(s.profile.depthUm), mode: t('session.mode', { mode: s.profile.mode }) }) : NO_FIGURE}</dd>
            <dt>{t('facts.thermotherapy')}</dt>
            <dd data-testid="thermo-record">{thermoRecord(s, t, f)}</dd>
            <dt>{t('facts.total')}</dt>
            <dd data-testid="review-total">{t('facts.totalValue', { shots: s.totalShots, volume: f.volume(s.totalDeliveredNl) })}</dd>
            <dt>{t('facts.interruptions')}</dt>
            <dd data-testid="record-interruptions">{s.interruptions.length === 0 ? t('facts.none') : s.interruptions.map((i) => words.interruption(i)).join(' ')}</dd>
            <dt>{t('facts.overrides')}</dt>
            <dd>{overrides.length === 0 ? t('facts.none') : overrides.map((o) => `${o.zone ? f.zone(o.zone) : t('facts.overrideSession')}: ${o.reason ?? ''}`).join('; ')}</dd>
            <dt>{t('facts.closing')}</dt>
            <dd>{s.closing ? [t('facts.closingValue'), s.closing.notes].filter(Boolean).join(' — ') : NO_FIGURE}</dd>
          </dl>
        </section>
      </div>
      <ZoneTable s={s} />
      {s.limitEvents.length > 0 && (
        <Card title={t('facts.limitEvents')} titleId="le-title" flat>
          <DataTable caption={t('facts.limitEventsCaption', { id: s.id })} columns={limitEventColumns(t, f)} rows={s.limitEvents} rowKey={(e) => e.id} empty={t('facts.noLimitEvent')} />
        </Card>
      )}
    </>
  );
}

/** The addenda: later notes on a record that is locked, each with its time, author and reason. */
export function AddendaList({ addenda }: { addenda: SessionView['addenda'] }) {
  const f = useFormat();
  return (
    <>
      {addenda.map((a) => (
        <p key={a.id}>
          <Msg id="review.addendum" values={{ when: f.dateTime(a.at), user: a.username, text: a.text, reason: a.reason, muted: (chunks) => <span className="muted">{chunks}</span> }} />
        </p>
      ))}
    </>
  );
}
