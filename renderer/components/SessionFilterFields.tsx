// The fields that choose sessions, the same on the session records and the exports: the days, the
// clinician, the gun, the patient and the serum lot, in the same words. Each screen adds its own
// status choice and turns the draft into its call's filters.
import type { Ref } from 'react';
import { useLoad } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import { Field, PatientPicker, Select } from '../kit/index.js';

export interface FilterDraft {
  /** yyyy-mm-dd, or '' for no bound. */
  from: string;
  to: string;
  /** A user id as text, or '' for anyone. */
  clinician: string;
  patientId: number | null;
  gunSerial: string;
  lot: string;
}

export const NO_FILTER: FilterDraft = { from: '', to: '', clinician: '', patientId: null, gunSerial: '', lot: '' };

/** The first day after the last one: said at the field, and nothing is asked of the station. */
export function datesReversed(f: FilterDraft): boolean {
  return f.from !== '' && f.to !== '' && f.from > f.to;
}

interface Props {
  value: FilterDraft;
  onChange: (f: FilterDraft) => void;
  /** The lot field on a screen that needs more of it (a lot recall): its hint, its focus, its contract name. */
  lot?: { hint?: string; inputRef?: Ref<HTMLInputElement>; emphasis?: boolean; field?: string };
}

export function SessionFilterFields({ value: f, onChange, lot }: Props) {
  const t = useT();
  const users = useLoad('users.list', { includeDisabled: true });
  const guns = useLoad('gun.paired', {});
  const set = <K extends keyof FilterDraft>(k: K, v: FilterDraft[K]) => onChange({ ...f, [k]: v });
  return (
    <>
      <Field label={t('filters.from')}>
        <input name="from" type="date" value={f.from} onChange={(e) => set('from', e.target.value)} />
      </Field>
      <Field label={t('filters.to')} error={datesReversed(f) ? t('filters.datesReversed') : null}>
        <input name="to" type="date" value={f.to} onChange={(e) => set('to', e.target.value)} />
      </Field>
      <Field label={t('filters.clinician')}>
        <Select name="clinician" value={f.clinician} onChoose={(v) => set('clinician', v)} none={t('filters.anyone')} options={users.data?.map((u) => [String(u.id), `${u.displayName} (${u.username})`] as const) ?? []} />
      </Field>
      <Field label={t('filters.gun')}>
        <Select name="gun" value={f.gunSerial} onChoose={(v) => set('gunSerial', v)} none={t('filters.anyGun')} options={guns.data?.map((g) => [g.serial, g.model ? `${g.serial} (${g.model})` : g.serial] as const) ?? []} />
      </Field>
      <PatientPicker variant="select" value={f.patientId} onChange={(id) => set('patientId', id)} />
      <Field label={t('filters.lot')} hint={lot?.hint} field={lot?.field}>
        <input ref={lot?.inputRef} name="lot" value={f.lot} onChange={(e) => set('lot', e.target.value)} className={lot?.emphasis ? 'emphasis' : undefined} />
      </Field>
    </>
  );
}
