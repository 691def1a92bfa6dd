// Admin: station settings (each change audited with its reason).
import { useEffect, useState, type FormEvent } from 'react';
import { THERMO_FLOOR_MINUTES } from '../../electron/contract/settings.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';

export function SettingsScreen({ onStationRenamed }: { onStationRenamed: (name: string) => void }) {
  const api = useApi();
  const settings = useLoad('settings.get', {});
  const [stationName, setStationName] = useState('');
  const [room, setRoom] = useState('');
  const [autoLock, setAutoLock] = useState('5');
  const [steam, setSteam] = useState('10');
  const [massage, setMassage] = useState('5');
  const [usbIds, setUsbIds] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAction();

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setStationName(s.stationName);
    setRoom(s.room);
    setAutoLock(String(s.autoLockMinutes));
    setSteam(String(s.thermotherapy.steamMinutes));
    setMassage(String(s.thermotherapy.massageMinutes));
    setUsbIds(s.gunUsbIds.map((u) => `${u.vendorId}:${u.productId}`).join(', '));
  }, [settings.data]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ids = usbIds
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => {
        const [vendorId = '', productId = ''] = x.split(':');
        return { vendorId, productId };
      });
    if (ids.some((i) => !i.vendorId || !i.productId)) return setError('USB ids are written vendor:product, e.g. 2341:0043');
    const r = await run(() =>
      api.call('settings.update', {
        changes: {
          stationName,
          room,
          autoLockMinutes: Number(autoLock),
          thermotherapy: { steamMinutes: Number(steam), massageMinutes: Number(massage) },
          gunUsbIds: ids,
        },
        reason: reason.trim() || undefined,
      }),
    );
    if (r) {
      onStationRenamed(r.stationName);
      setSaved(true);
      setReason('');
    }
  };

  return (
    <form className="stack" onSubmit={submit}>
      <h1>Settings</h1>
      <section className="card stack" aria-labelledby="st-title">
        <h2 id="st-title">Station</h2>
        <div className="grid2">
          <label className="field">
            Station name
            <input value={stationName} onChange={(e) => setStationName(e.target.value)} />
          </label>
          <label className="field">
            Room
            <input value={room} onChange={(e) => setRoom(e.target.value)} />
          </label>
          <label className="field">
            Auto-lock after (minutes without use) <span className="hint">0.5 = 30 s; shots of an armed gun count as use</span>
            <input inputMode="decimal" value={autoLock} onChange={(e) => setAutoLock(e.target.value)} />
          </label>
          <label className="field">
            Gun USB ids <span className="hint">vendor:product, comma separated</span>
            <input value={usbIds} onChange={(e) => setUsbIds(e.target.value)} />
          </label>
        </div>
      </section>
      <section className="card stack" aria-labelledby="th-title">
        <h2 id="th-title">Thermotherapy</h2>
        <div className="grid2">
          <label className="field">
            Ozonised steam (minutes) <span className="hint">at least {THERMO_FLOOR_MINUTES.steam}</span>
            <input inputMode="numeric" value={steam} onChange={(e) => setSteam(e.target.value)} />
          </label>
          <label className="field">
            Head massage (minutes) <span className="hint">at least {THERMO_FLOOR_MINUTES.massage}</span>
            <input inputMode="numeric" value={massage} onChange={(e) => setMassage(e.target.value)} />
          </label>
        </div>
        <p className="muted small">
          A stage always runs its set time; completing it earlier for one patient needs a reason and an administrator’s approval, and is recorded as shortened.
        </p>
      </section>
      <section className="card stack">
        <label className="field">
          Reason for the change <span className="hint">recorded in the audit trail</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        {saved && <p className="okbox" role="status">Saved.</p>}
        <div className="row end">
          <button type="submit" disabled={busy || !settings.data}>
            Save settings
          </button>
        </div>
      </section>
    </form>
  );
}
