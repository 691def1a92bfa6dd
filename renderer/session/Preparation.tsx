// Preparation: serum and lot (expiry as printed on the vial), zone targets, a new needle, priming, and
// the dose profile the gun echoed back (ProfileStep.tsx). The core moves on to mesotherapy once all
// are done.
import { useEffect, useState } from 'react';
import type { SessionView } from '../../electron/contract/sessions.js';
import type { LotView, SerumVersionView } from '../../electron/contract/serum.js';
import { matchAllergens } from '../../electron/contract/allergens.js';
import { formatVolume } from '../../electron/contract/units.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { ZONES } from '../format.js';
import { Actions, Field, Form, FormAlert, Select, useQuantities } from '../kit/index.js';
import { ProfileStep } from './ProfileStep.js';
import { ZoneTargetFields, readTargets, targetTexts, type TargetTexts } from './ZoneTargets.js';

function Done({ ok, children }: { ok: boolean; children: string }) {
  return <span className={`pill ${ok ? 'ok' : 'off'}`}>{ok ? `✓ ${children}` : children}</span>;
}

export function Preparation({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  return (
    <div className="stack">
      <div className="row" aria-label="Preparation status">
        <Done ok={!!s.serum}>Serum and lot</Done>
        <Done ok={s.needleConfirmedAt !== null}>New needle</Done>
        <Done ok={s.primedAt !== null}>Primed</Done>
        <Done ok={!!s.profile && !!s.gun}>Profile on the gun</Done>
      </div>
      <SerumStep s={s} patientAllergies={patientAllergies} onChanged={onChanged} />
      <ProfileStep s={s} onChanged={onChanged} />
      <NeedleStep s={s} onChanged={onChanged} />
    </div>
  );
}

const serumWords = (v: SerumVersionView) => `${v.name} (v${v.version})${v.example ? ' — example entry' : ''}`;
const lotWords = (l: LotView) => `${l.lotNumber}${l.status === 'quarantined' ? ' (quarantined)' : l.status === 'recalled' ? ' (recalled)' : l.expired ? ' (expired)' : ''}`;

function SerumStep({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  const api = useApi();
  const q = useQuantities();
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
      const zoneTargetsNl = readTargets(targets, q.read);
      return api.call('sessions.prepare', { sessionId: s.id, serum: { serumVersionId: chosen.versionId, lotNumber, expiry }, zoneTargetsNl });
    });
    if (ok) onChanged();
  };

  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="serum-title">
      <h2 id="serum-title" tabIndex={-1} data-phase-focus="">
        Serum and lot
      </h2>
      {s.serum && (
        <p className="okbox">
          Loaded: {s.serum.name}, lot {s.serum.lotNumber}, expires {s.serum.expiry}
        </p>
      )}
      <div className="grid3">
        <Field label="Serum">
          <Select name="serum" value={serumId} onChoose={setSerumId} none="Choose…" options={serums.data?.map((v) => [String(v.serumId), serumWords(v)] as const) ?? []} />
        </Field>
        <Field label="Lot number" hint="as printed on the vial">
          <Select name="lot" value={lotNumber} onChoose={setLotNumber} none="Choose…" disabled={!lots.data} options={lots.data?.map((l) => [l.lotNumber, lotWords(l)] as const) ?? []} />
        </Field>
        <Field label="Expiry" hint="type it from the vial">
          <input name="expiry" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
        </Field>
      </div>
      <p className="small muted">Only lots an administrator has received are listed. The expiry is checked against the lot record.</p>
      {chosen && (
        <p className="small muted">
          {chosen.components.join(', ')} · dose {formatVolume(chosen.dose.softMinNl)}–{formatVolume(chosen.dose.softMaxNl)} (hard {formatVolume(chosen.dose.hardMinNl)}–{formatVolume(chosen.dose.hardMaxNl)}) · zone max{' '}
          {formatVolume(chosen.zoneVolume.softMaxNl)} · session max {formatVolume(chosen.sessionVolume.softMaxNl)}
        </p>
      )}
      {clash.map((c) => (
        <p key={c.patient} className="error" role="alert">
          Allergy: the patient is allergic to {c.patient}, and this serum contains {c.serum}.
        </p>
      ))}
      {targets && (
        <fieldset className="stack plain">
          <legend className="small muted">{planned ? 'Target per zone, from the patient’s plan; 0 spares a zone.' : 'Target per zone: no plan for this serum, so its session volume spread evenly; 0 spares a zone.'}</legend>
          <ZoneTargetFields targets={targets} onChange={setTargets} />
        </fieldset>
      )}
      <FormAlert />
      <Actions>
        <button type="submit" disabled={busy || !chosen || !lotNumber || !expiry}>
          {s.serum ? 'Change serum and lot' : 'Confirm serum and lot'}
        </button>
      </Actions>
    </Form>
  );
}

function NeedleStep({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const confirm = (what: 'needle' | 'primed') => async () => {
    const input = what === 'needle' ? { sessionId: s.id, needleNewConfirmed: true as const } : { sessionId: s.id, primed: true as const };
    if (await run(() => api.call('sessions.prepare', input))) onChanged();
  };
  return (
    <section className="card stack" aria-labelledby="needle-title">
      <h2 id="needle-title">Needle and priming</h2>
      <p className="muted small">A new single-use 30–32G needle for every patient. Prime with the profile on the gun, until serum shows at the tip.</p>
      <div className="row">
        <button type="button" className={s.needleConfirmedAt ? 'secondary' : ''} onClick={confirm('needle')} disabled={busy || s.needleConfirmedAt !== null}>
          {s.needleConfirmedAt ? '✓ New needle fitted' : 'Confirm a new needle is fitted'}
        </button>
        <button type="button" className={s.primedAt ? 'secondary' : ''} onClick={confirm('primed')} disabled={busy || s.primedAt !== null || !s.serum || !s.profile}>
          {s.primedAt ? '✓ Primed' : 'Confirm the gun is primed'}
        </button>
      </div>
      {(!s.serum || !s.profile) && <p className="muted small">Load the serum and send the profile to the gun before priming.</p>}
      <FormAlert message={error} />
    </section>
  );
}
