// The patient's plan: serum, dose profile and a target for every zone (0 spares it). Started from the
// last session ("repeat last session") or from the course template, adjusted, and saved; a target
// above the serum's soft limit for a zone asks for its reason before it is saved.
import { useState } from 'react';
import type { PlanDraft, PlanSource } from '../../electron/contract/plans.js';
import type { DoseProfile } from '../../electron/contract/serum.js';
import { ZONES, type Zone } from '../../electron/contract/sessions.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Msg, useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { ReasonWords } from '../ReasonWords.js';
import { Card, Field, Form, FormAlert, FormEnd, parseQuantity, useLocale, useQuantities } from '../kit/index.js';
import { ZoneTargetFields, readTargets, targetTexts, useTargetLabel, type TargetTexts } from '../session/ZoneTargets.js';

interface Editing {
  serumId: number;
  serumName: string;
  profile: DoseProfile;
  targets: TargetTexts;
  reasons: Partial<Record<Zone, string>>;
  source: PlanSource;
  basis: PlanDraft['basis'] | null;
  zoneSoftMaxNl: number;
}

export function PlanEditor({ patientId, canEdit }: { patientId: number; canEdit: boolean }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  // A target that does not read is refused naming its zone in the window's language.
  const targetLabel = useTargetLabel();
  const plan = useLoad('plans.get', { patientId });
  const serums = useLoad('serum.list', {});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [templateSerum, setTemplateSerum] = useState<number | ''>('');
  const { busy, failure, run } = useAction();
  const q = useQuantities();
  const locale = useLocale();
  const p = plan.data;

  const draft = async (from: 'last-session' | 'course-template') => {
    const d = await run(() => api.call('plans.draft', { patientId, from, serumId: from === 'course-template' && templateSerum !== '' ? templateSerum : undefined }));
    if (d) setEditing({ serumId: d.serumId, serumName: d.serumName, profile: d.profile, targets: targetTexts((z) => d.zoneTargetsNl[z], q.text), reasons: {}, source: d.source, basis: d.basis, zoneSoftMaxNl: d.zoneSoftMaxNl });
  };
  const edit = () => {
    if (!p) return;
    const soft = serums.data?.find((s) => s.serumId === p.serumId)?.zoneVolume.softMaxNl ?? Number.POSITIVE_INFINITY;
    setEditing({ serumId: p.serumId, serumName: p.serumName, profile: p.profile, targets: targetTexts((z) => p.zoneTargetsNl[z], q.text), reasons: p.overSoftReasons, source: 'manual', basis: null, zoneSoftMaxNl: soft });
  };
  const save = async () => {
    if (!editing) return;
    // Every zone's target is read back; one that is not a volume is refused, naming its field.
    const saved = await run(() => {
      const zoneTargetsNl = readTargets(editing.targets, q.read, targetLabel);
      const overSoftReasons = Object.fromEntries(Object.entries(editing.reasons).filter(([, why]) => why?.trim()));
      return api.call('plans.save', { patientId, serumId: editing.serumId, profile: editing.profile, zoneTargetsNl, overSoftReasons, source: editing.source });
    });
    if (saved) {
      setEditing(null);
      plan.reload();
    }
  };

  return (
    <Card title={t('plan.title')} titleId="pt-plan">
      {!editing && !p && <p className="muted">{t('plan.none')}</p>}
      {!editing && p && (
        <div className="stack">
          <p>
            <Msg id="plan.profile" values={{ serum: p.serumName, dose: f.volume(p.profile.doseNl), depth: f.depth(p.profile.depthUm), mode: p.profile.mode, when: f.dateTime(p.createdAt), who: p.createdBy.name }} />
          </p>
          <table aria-label={t('plan.targets')}>
            <thead>
              <tr>
                {ZONES.map((z) => (
                  <th key={z} scope="col">
                    {f.zoneShort(z)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {ZONES.map((z) => (
                  <td key={z} className="numcell" data-zone={z}>
                    {p.zoneTargetsNl[z] === 0 ? t('plan.spared') : f.volume(p.zoneTargetsNl[z])}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {canEdit && !editing && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => draft('last-session')} disabled={busy}>
            {t('plan.repeatLast')}
          </button>
          <label className="field">
            {t('plan.courseSerum')}
            <select name="planSerum" value={templateSerum} onChange={(e) => setTemplateSerum(e.target.value ? Number(e.target.value) : '')}>
              <option value="">{t('plan.courseSerumDefault')}</option>
              {serums.data?.map((s) => (
                <option key={s.serumId} value={s.serumId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => draft('course-template')} disabled={busy} style={{ alignSelf: 'flex-end' }}>
            {t('plan.fromTemplate')}
          </button>
          {p && (
            <button type="button" className="secondary" onClick={edit} style={{ alignSelf: 'flex-end' }}>
              {t('plan.edit')}
            </button>
          )}
        </div>
      )}
      {editing && (
        <Form className="stack" failure={failure} onSubmit={save} aria-label={t('plan.edit')}>
          <p>
            {editing.basis ? (
              <Msg id="plan.draftFrom" values={{ serum: editing.serumName, basis: <ReasonWords reason={editing.basis} />, muted: (chunks) => <span className="muted">{chunks}</span> }} />
            ) : (
              <strong>{editing.serumName}</strong>
            )}
          </p>
          <ZoneTargetFields
            targets={editing.targets}
            onChange={(targets) => setEditing({ ...editing, targets })}
            below={(zone) => {
              const nl = parseQuantity('volume', editing.targets[zone], locale);
              if (nl === 0) return <span className="small muted">{t('plan.spared')}</span>;
              if (nl === null || nl <= editing.zoneSoftMaxNl) return null;
              return (
                <Field label={t('plan.overSoftReason', { limit: f.volume(editing.zoneSoftMaxNl) })} field={`overSoftReasons.${zone}`}>
                  <input name={`reason-${zone}`} value={editing.reasons[zone] ?? ''} onChange={(e) => setEditing({ ...editing, reasons: { ...editing.reasons, [zone]: e.target.value } })} />
                </Field>
              );
            }}
          />
          <FormEnd submit={t('plan.save')} disabled={busy} cancel={{ label: t('common.cancel'), onClick: () => setEditing(null) }} />
        </Form>
      )}
      {!editing && <FormAlert message={failure?.message ?? null} />}
    </Card>
  );
}
