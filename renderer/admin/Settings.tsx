// Admin: station settings (each change audited with its reason).
import { useEffect, useState } from 'react';
import { THERMO_FLOOR_MINUTES } from '../../electron/contract/settings.js';
import { FieldRefusal } from '../api/failure.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Actions, Field, Form, FormAlert, UnitInput, useQuantities } from '../kit/index.js';

interface Draft {
  stationName: string;
  room: string;
  autoLock: string;
  steam: string;
  massage: string;
  usbIds: string;
}

/** "2341:0043, 1a86:7523" -> the ids; refused, naming the field, when one is not vendor:product. */
function readUsbIds(text: string): { vendorId: string; productId: string }[] {
  const ids = text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [vendorId = '', productId = ''] = x.split(':');
      return { vendorId, productId };
    });
  if (ids.some((i) => !i.vendorId || !i.productId)) throw new FieldRefusal('changes.gunUsbIds', 'Gun USB ids: write each as vendor:product, e.g. 2341:0043.');
  return ids;
}

export function SettingsScreen({ onStationRenamed }: { onStationRenamed: (name: string) => void }) {
  const api = useApi();
  const q = useQuantities();
  const settings = useLoad('settings.get', {});
  const [d, setD] = useState<Draft>({ stationName: '', room: '', autoLock: '', steam: '', massage: '', usbIds: '' });
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
          autoLockMinutes: minutes(d.autoLock, 'changes.autoLockMinutes', 'Auto-lock after'),
          thermotherapy: {
            steamMinutes: minutes(d.steam, 'changes.thermotherapy.steamMinutes', 'Ozonised steam'),
            massageMinutes: minutes(d.massage, 'changes.thermotherapy.massageMinutes', 'Head massage'),
          },
          gunUsbIds: readUsbIds(d.usbIds),
        },
        reason: reason.trim() || undefined,
      });
    });
    if (r) {
      onStationRenamed(r.stationName);
      setSaved(true);
      setReason('');
    }
  };

  return (
    <Form className="stack" failure={failure} onSubmit={submit}>
      <h1>Settings</h1>
      <section className="card stack" aria-labelledby="st-title">
        <h2 id="st-title">Station</h2>
        <div className="grid2">
          <Field label="Station name" field="changes.stationName">
            <input name="stationName" value={d.stationName} onChange={(e) => set('stationName')(e.target.value)} />
          </Field>
          <Field label="Room" field="changes.room">
            <input name="room" value={d.room} onChange={(e) => set('room')(e.target.value)} />
          </Field>
          <Field label="Auto-lock after (minutes without use)" hint="0.5 = 30 s; shots of an armed gun count as use" field="changes.autoLockMinutes">
            <UnitInput quantity="minutes" name="autoLockMinutes" text={d.autoLock} onText={set('autoLock')} />
          </Field>
          <Field label="Gun USB ids" hint="vendor:product, comma separated" field="changes.gunUsbIds">
            <input name="gunUsbIds" value={d.usbIds} onChange={(e) => set('usbIds')(e.target.value)} />
          </Field>
        </div>
      </section>
      <section className="card stack" aria-labelledby="th-title">
        <h2 id="th-title">Thermotherapy</h2>
        <div className="grid2">
          <Field label="Ozonised steam (minutes)" hint={`at least ${THERMO_FLOOR_MINUTES.steam}`} field="changes.thermotherapy.steamMinutes">
            <UnitInput quantity="minutes" name="steamMinutes" text={d.steam} onText={set('steam')} />
          </Field>
          <Field label="Head massage (minutes)" hint={`at least ${THERMO_FLOOR_MINUTES.massage}`} field="changes.thermotherapy.massageMinutes">
            <UnitInput quantity="minutes" name="massageMinutes" text={d.massage} onText={set('massage')} />
          </Field>
        </div>
        <p className="muted small">A stage always runs its set time; completing it earlier for one patient needs a reason and an administrator’s approval, and is recorded as shortened.</p>
      </section>
      <section className="card stack">
        <Field label="Reason for the change" hint="recorded in the audit trail" field="reason">
          <input name="settingsReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <FormAlert />
        {saved && (
          <p className="okbox" role="status">
            Saved.
          </p>
        )}
        <Actions>
          <button type="submit" disabled={busy || !settings.data}>
            Save settings
          </button>
        </Actions>
      </section>
    </Form>
  );
}
