// Admin: station settings (each change audited with its reason).
import { useEffect, useState } from 'react';
import { THERMO_FLOOR_MINUTES } from '../../electron/contract/settings.js';
import { FieldRefusal } from '../api/failure.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Card, Field, Form, FormEnd, TextField, UnitInput, useQuantities } from '../kit/index.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { LANGUAGES, LANGUAGE_NAMES, LOCALE_TAGS, type Language } from '../../electron/contract/languages.js';
import type { StationFacts } from '../navigation.js';

interface Draft {
  stationName: string;
  room: string;
  autoLock: string;
  steam: string;
  massage: string;
  usbIds: string;
  language: Language;
}

/** "2341:0043, 1a86:7523" -> the ids; refused, naming the field, when one is not vendor:product. */
function readUsbIds(t: Translate, text: string): { vendorId: string; productId: string }[] {
  const ids = text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [vendorId = '', productId = ''] = x.split(':');
      return { vendorId, productId };
    });
  if (ids.some((i) => !i.vendorId || !i.productId)) throw new FieldRefusal('changes.gunUsbIds', t('settings.usbIdsRefused'));
  return ids;
}

export function SettingsScreen({ onStationChanged }: { onStationChanged: (station: StationFacts) => void }) {
  const api = useApi();
  const t = useT();
  const q = useQuantities();
  const settings = useLoad('settings.get', {});
  const [d, setD] = useState<Draft>({ stationName: '', room: '', autoLock: '', steam: '', massage: '', usbIds: '', language: 'en' });
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, failure, run } = useAction();
  const set = (k: keyof Draft) => (v: string) => setD((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setD({
      stationName: s.stationName,
      room: s.room,
      autoLock: q.text('minutes', s.autoLockMinutes),
      steam: q.text('minutes', s.thermotherapy.steamMinutes),
      massage: q.text('minutes', s.thermotherapy.massageMinutes),
      usbIds: s.gunUsbIds.map((u) => `${u.vendorId}:${u.productId}`).join(', '),
      language: s.language,
    });
  }, [settings.data, q]);

  const submit = async () => {
    setSaved(false);
    const r = await run(() => {
      const minutes = (text: string, field: string, label: string) => q.read('minutes', text, { field, label });
      return api.call('settings.update', {
        changes: {
          stationName: d.stationName,
          room: d.room,
          autoLockMinutes: minutes(d.autoLock, 'changes.autoLockMinutes', t('settings.autoLockShort')),
          thermotherapy: {
            steamMinutes: minutes(d.steam, 'changes.thermotherapy.steamMinutes', t('settings.steamShort')),
            massageMinutes: minutes(d.massage, 'changes.thermotherapy.massageMinutes', t('settings.massageShort')),
          },
          gunUsbIds: readUsbIds(t, d.usbIds),
          language: d.language,
        },
        reason: reason.trim() || undefined,
      });
    });
    if (r) {
      onStationChanged({ stationName: r.stationName, language: r.language });
      setSaved(true);
      setReason('');
    }
  };

  return (
    <Form className="stack" failure={failure} onSubmit={submit}>
      <h1>{t('route.settings')}</h1>
      <Card title={t('settings.station')} titleId="st-title">
        <div className="grid2">
          <TextField label={t('settings.stationName')} field="changes.stationName" name="stationName" value={d.stationName} onText={set('stationName')} />
          <TextField label={t('settings.room')} field="changes.room" name="room" value={d.room} onText={set('room')} />
          <Field label={t('settings.autoLock')} hint={t('settings.autoLockHint', { half: q.text('minutes', 0.5) })} field="changes.autoLockMinutes">
            <UnitInput quantity="minutes" name="autoLockMinutes" text={d.autoLock} onText={set('autoLock')} />
          </Field>
          <TextField label={t('settings.usbIds')} hint={t('settings.usbIdsHint')} field="changes.gunUsbIds" name="gunUsbIds" value={d.usbIds} onText={set('usbIds')} />
          <Field label={t('settings.language')} hint={t('settings.languageHint')} field="changes.language">
            <select name="language" value={d.language} onChange={(e) => set('language')(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={LOCALE_TAGS[l]}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Card>
      <Card title={t('settings.thermotherapy')} titleId="th-title">
        <div className="grid2">
          <Field label={t('settings.steam')} hint={t('settings.atLeast', { minutes: THERMO_FLOOR_MINUTES.steam })} field="changes.thermotherapy.steamMinutes">
            <UnitInput quantity="minutes" name="steamMinutes" text={d.steam} onText={set('steam')} />
          </Field>
          <Field label={t('settings.massage')} hint={t('settings.atLeast', { minutes: THERMO_FLOOR_MINUTES.massage })} field="changes.thermotherapy.massageMinutes">
            <UnitInput quantity="minutes" name="massageMinutes" text={d.massage} onText={set('massage')} />
          </Field>
        </div>
        <p className="muted small">{t('settings.thermoNote')}</p>
      </Card>
      <section className="card stack">
        <TextField label={t('settings.reason')} hint={t('settings.reasonHint')} field="reason" name="settingsReason" value={reason} onText={setReason} />
        <FormEnd submit={t('settings.save')} disabled={busy || !settings.data} done={saved && t('settings.saved')} />
      </section>
    </Form>
  );
}
