// The link keys of paired guns: the key bytes in the key store ('gun-link.SERIAL'), the pairing
// details (model, firmware, when paired and last seen) in the settings file. The key bytes never go
// to the audit trail or to a window; pairing and unpairing are audited by serial, with the admin who
// paired. The link sees only GunKeyStore's get/set by serial.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GunKeyStore } from '../../../device/link/index.js';
import type { Actor } from '../access/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Clock } from '../clock.js';
import type { KeyName, KeyStore } from '../keys/keyStore.js';
import type { SettingsStore } from './store.js';

export const linkKeyName = (serial: string): KeyName => `gun-link.${serial}`;

export interface SettingsGunKeyStore extends GunKeyStore {
  /** Records that a paired gun connected, and what it reported (a firmware change is audited). */
  markSeen(serial: string, identity: { model: string; firmware: string }): void;
  /**
   * Runs a pairing on behalf of `actor`: a key the link stores while `fn` runs (it calls set() from
   * deep inside its pair()) is audited as that actor's. Outside this, set() audits no one (actor null).
   */
  pairingAs<T>(actor: Actor, fn: () => Promise<T>): Promise<T>;
  /** Forgets a gun's link key (the gun was unpaired). */
  forget(serial: string): void;
}

export function createGunKeyStore(settings: SettingsStore, keys: KeyStore, audit: AuditTrail, clock: Clock): SettingsGunKeyStore {
  const now = (): string => new Date(clock.now()).toISOString();
  // Async context rather than a field: the link's set() comes after several awaits, and the actor
  // follows that call chain only; a second admin's pairing running meanwhile keeps its own actor.
  const pairingActor = new AsyncLocalStorage<Actor>();
  return {
    get(serial) {
      // Only a gun the settings still list as paired: unpairing removes it there first.
      if (!settings.get('pairedGuns')[serial]) return undefined;
      const key = keys.get(linkKeyName(serial));
      return key ? new Uint8Array(key) : undefined;
    },
    set(serial, key) {
      const guns = settings.get('pairedGuns');
      const before = guns[serial];
      // The key first: a gun listed as paired always has its key.
      keys.put(linkKeyName(serial), key);
      settings.set('pairedGuns', {
        ...guns,
        [serial]: { pairedAt: now(), model: before?.model ?? '', firmware: before?.firmware ?? '', lastSeenAt: before?.lastSeenAt ?? null },
      });
      audit.append({ actor: pairingActor.getStore() ?? null, action: before ? 'gun.re-pair' : 'gun.pair', entity: 'gun', entityId: serial, newValue: { serial } });
    },
    pairingAs(actor, fn) {
      return pairingActor.run(actor, fn);
    },
    forget(serial) {
      keys.remove(linkKeyName(serial));
    },
    markSeen(serial, identity) {
      const guns = settings.get('pairedGuns');
      const gun = guns[serial];
      if (!gun) return;
      settings.set('pairedGuns', { ...guns, [serial]: { ...gun, model: identity.model, firmware: identity.firmware, lastSeenAt: now() } });
      if (gun.firmware !== '' && (gun.firmware !== identity.firmware || gun.model !== identity.model))
        audit.append({
          actor: null,
          action: 'gun.identity-change',
          entity: 'gun',
          entityId: serial,
          oldValue: { model: gun.model, firmware: gun.firmware },
          newValue: { model: identity.model, firmware: identity.firmware },
        });
    },
  };
}
