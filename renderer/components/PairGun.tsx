// Pairing: the station asks the gun to show a fresh 6-digit code; the operator types it here. The
// code never crosses the cable: both ends derive the link key from it (PROTOCOL.md, pairing).
import { useState, type FormEvent } from 'react';
import { useAction, useApi } from '../api/hooks.js';
import { beginPairing, pairGun, useGun } from '../gun.js';
import { Msg, useT } from '../i18n/I18n.js';
import { gunDetailKey } from './gunDetail.js';

export function PairGun({ onPaired }: { onPaired: () => void }) {
  const api = useApi();
  const t = useT();
  const gun = useGun();
  const [code, setCode] = useState('');
  const [asked, setAsked] = useState(false);
  const { busy, error, run } = useAction();
  const link = gun?.linkState ?? 'disconnected';

  const ask = async () => {
    if ((await run(() => beginPairing(api))) !== undefined) setAsked(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => pairGun(api, code))) !== undefined) {
      setCode('');
      setAsked(false);
      onPaired();
    }
  };

  if (link === 'ready' && gun?.identity)
    return (
      <div className="stack">
        <p className="okbox" role="status">
          {t('pair.paired', { serial: gun.identity.serial, model: gun.identity.model })}
        </p>
        <div className="row end">
          <button type="button" onClick={onPaired}>
            {t('pair.continue')}
          </button>
        </div>
      </div>
    );

  return (
    <form className="stack" onSubmit={submit}>
      <p>
        {gun?.identity
          ? t(link === 'awaiting-pairing' ? 'pair.connectedWaiting' : 'pair.connected', { serial: gun.identity.serial, model: gun.identity.model, firmware: gun.identity.firmware })
          : t('pair.noGun')}
      </p>
      {gun?.detail && link === 'refused' && (
        <p className="error" title={gun.detail}>
          {t(gunDetailKey(gun))}
        </p>
      )}
      <div className="row">
        <button type="button" className={asked ? 'secondary' : ''} onClick={ask} disabled={busy || link !== 'awaiting-pairing'}>
          {asked ? t('pair.newCode') : t('pair.showCode')}
        </button>
      </div>
      <label className="field">
        <Msg id="pair.codeLabel" values={{ hint: (chunks) => <span className="hint">{chunks}</span> }} />
        <input name="pairingCode" inputMode="numeric" autoComplete="off" pattern="[0-9]{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} disabled={!asked} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !asked || code.length !== 6}>
          {t('pair.submit')}
        </button>
      </div>
    </form>
  );
}
