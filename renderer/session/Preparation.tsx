// Preparation: serum and lot (expiry as printed on the vial), zone targets, a new needle, priming, and
// the dose profile the gun echoed back (ProfileStep.tsx). The core moves on to mesotherapy once all
// are done.
import { useEffect, useState } from 'react';
import { ZONES, type SessionView } from '../../electron/contract/sessions.js';
import type { LotView, SerumVersionView } from '../../electron/contract/serum.js';
import { matchAllergens } from '../../electron/contract/allergens.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Card, Field, Form, FormAlert, FormEnd, Select, TextField, useQuantities } from '../kit/index.js';
import { ProfileStep } from './ProfileStep.js';
import { ZoneTargetFields, readTargets, targetTexts, useTargetLabel, type TargetTexts } from './ZoneTargets.js';

function Done({ ok, children }: { ok: boolean; children: string }) {
  const t = useT();
  return <span className={`pill ${ok ? 'ok' : 'off'}`}>{ok ? t('prep.done', { step: children }) : children}</span>;
}

export function Preparation({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  const t = useT();
  return (
    <div className="stack">
      <div className="row" aria-label={t('prep.status')}>
        <Done ok={!!s.serum}>{t('prep.done.serum')}</Done>
        <Done ok={s.needleConfirmedAt !== null}>{t('prep.done.needle')}</Done>
        <Done ok={s.primedAt !== null}>{t('prep.done.primed')}</Done>
        <Done ok={!!s.profile && !!s.gun}>{t('prep.done.profile')}</Done>
      </div>
      <SerumStep s={s} patientAllergies={patientAllergies} onChanged={onChanged} />
      <ProfileStep s={s} onChanged={onChanged} />
      <NeedleStep s={s} onChanged={onChanged} />
    </div>
  );
}

const serumWords = (t: Translate, v: SerumVersionView) => t('prep.serumOption', { name: v.name, version: v.version, example: v.example ? 'yes' : 'no' });
const lotWords = (t: Translate, l: LotView) =>
  t('prep.lotOption', { lot: l.lotNumber, status: l.status === 'quarantined' || l.status === 'recalled' ? l.status : l.expired ? 'expired' : 'usable' });

function SerumStep({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  const api = useApi();
  const q = useQuantities();
  const t = useT();
  const f = useFormat();
  const targetLabel = useTargetLabel();
  const serums = useLoad('serum.list', {});
  const [serumId, setSerumId] = useState('');
  const chosen = serums.data?.find((v) => String(v.serumId) === serumId);
  const lots = useLoad('serum.lots.list', chosen ? { serumId: chosen.serumId, includeExpired: true } : null);
  const [lotNumber, setLotNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const plan = useLoad('plans.get', { patientId: s.patientId });
  const [targets, setTargets] = useState<TargetTexts | null>(null);
  const { busy, failure, run } = useAction();
  const planned = plan.data && chosen && plan.data.serumId === chosen.serumId ? plan.data : null;

  useEffect(() => {
    if (serumId === '' && serums.data?.length === 1) setSerumId(String(serums.data[0]!.serumId));
  }, [serums.data, serumId]);

  // The targets start from the patient's plan for this serum, else the serum's session volume spread
  // evenly within its zone limit (as the core would); either way they are shown and can be changed.
  useEffect(() => {
    if (!chosen) return setTargets(null);
    const even = Math.min(chosen.zoneVolume.softMaxNl, Math.floor(chosen.sessionVolume.softMaxNl / ZONES.length));
    setTargets(targetTexts((z) => (planned ? planned.zoneTargetsNl[z] : even), q.text));
  }, [chosen?.serumId, planned?.id, q]);

  const clash = chosen ? matchAllergens(patientAllergies, chosen.allergens) : [];

  const submit = async () => {
    if (!chosen || !targets) return;
    // Every zone has a target: 0 spares it; anything that is not a volume is refused, naming its field.
    const ok = await run(() => {
      const zoneTargetsNl = readTargets(targets, q.read, targetLabel);
      return api.call('sessions.prepare', { sessionId: s.id, serum: { serumVersionId: chosen.versionId, lotNumber, expiry }, zoneTargetsNl });
    });
    if (ok) onChanged();
  };

  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="serum-title">
      <h2 id="serum-title" tabIndex={-1} data-phase-focus="">
        {t('prep.serumTitle')}
      </h2>
      {s.serum && <p className="okbox">{t('prep.loaded', { serum: s.serum.name, lot: s.serum.lotNumber, expiry: f.date(s.serum.expiry) })}</p>}
      <div className="grid3">
        <Field label={t('prep.serum')}>
          <Select name="serum" value={serumId} onChoose={setSerumId} none={t('prep.choose')} options={serums.data?.map((v) => [String(v.serumId), serumWords(t, v)] as const) ?? []} />
        </Field>
        <Field label={t('prep.lot')} hint={t('prep.lotHint')}>
          <Select name="lot" value={lotNumber} onChoose={setLotNumber} none={t('prep.choose')} disabled={!lots.data} options={lots.data?.map((l) => [l.lotNumber, lotWords(t, l)] as const) ?? []} />
        </Field>
        <TextField label={t('prep.expiry')} hint={t('prep.expiryHint')} name="expiry" type="date" value={expiry} onText={setExpiry} />
      </div>
      <p className="small muted">{t('prep.lotsNote')}</p>
      {chosen && (
        <p className="small muted">
          {t('prep.limits', {
            components: chosen.components.join(', '),
            softMin: f.volume(chosen.dose.softMinNl),
            softMax: f.volume(chosen.dose.softMaxNl),
            hardMin: f.volume(chosen.dose.hardMinNl),
            hardMax: f.volume(chosen.dose.hardMaxNl),
            zoneMax: f.volume(chosen.zoneVolume.softMaxNl),
            sessionMax: f.volume(chosen.sessionVolume.softMaxNl),
          })}
        </p>
      )}
      {clash.map((c) => (
        <p key={c.patient} className="error" role="alert">
          {t('prep.allergy', { patient: c.patient, serum: c.serum })}
        </p>
      ))}
      {targets && (
        <fieldset className="stack plain">
          <legend className="small muted">{planned ? t('prep.targetsPlan') : t('prep.targetsEven')}</legend>
          <ZoneTargetFields targets={targets} onChange={setTargets} />
        </fieldset>
      )}
      <FormEnd submit={s.serum ? t('prep.changeSerum') : t('prep.confirmSerum')} disabled={busy || !chosen || !lotNumber || !expiry} />
    </Form>
  );
}

function NeedleStep({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const t = useT();
  const { busy, error, run } = useAction();
  const confirm = (what: 'needle' | 'primed') => async () => {
    const input = what === 'needle' ? { sessionId: s.id, needleNewConfirmed: true as const } : { sessionId: s.id, primed: true as const };
    if (await run(() => api.call('sessions.prepare', input))) onChanged();
  };
  return (
    <Card title={t('prep.needleTitle')} titleId="needle-title">
      <p className="muted small">{t('prep.needleNote')}</p>
      <div className="row">
        <button type="button" className={s.needleConfirmedAt ? 'secondary' : ''} onClick={confirm('needle')} disabled={busy || s.needleConfirmedAt !== null}>
          {s.needleConfirmedAt ? t('prep.needleFitted') : t('prep.confirmNeedle')}
        </button>
        <button type="button" className={s.primedAt ? 'secondary' : ''} onClick={confirm('primed')} disabled={busy || s.primedAt !== null || !s.serum || !s.profile}>
          {s.primedAt ? t('prep.primed') : t('prep.confirmPrimed')}
        </button>
      </div>
      {(!s.serum || !s.profile) && <p className="muted small">{t('prep.primeFirst')}</p>}
      <FormAlert message={error} />
    </Card>
  );
}
