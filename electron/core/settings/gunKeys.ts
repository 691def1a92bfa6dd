// The link keys of paired guns, kept in the settings file beside the pairing details. The key bytes
// never go to the audit trail or to a window; pairing and unpairing are audited by serial, with the
// admin who paired.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { GunKeyStore } from '../../../device/link/types.js';
import type { Actor } from '../access/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import type { Clock } from '../clock.js';
import type { SettingsStore } from './store.js';

export interface SettingsGunKeyStore extends GunKeyStore {
  /** Records that a paired gun connected, and what it reported (a firmware change is audited). */
  markSeen(serial: string, identity: { model: string; firmware: string }): void;
  /**
   * Runs a pairing on behalf of `actor`: a key the link stores while `fn` runs (it calls set() from
   * deep inside its pair()) is audited as that actor's. Outside this, set() audits no one (actor null).
   */
  pairingAs<T>(actor: Actor, fn: () => Promise<T>): Promise<T>;
}

export function createGunKeyStore(settings: SettingsStore, audit: AuditTrail, clock: Clock): SettingsGunKeyStore {
  const now = (): string => new Date(clock.now()).toISOString();
  // Async context rather than a field: the link's set() comes after several awaits, and the actor
  // follows that call chain only; a second admin's pairing running meanwhile keeps its own actor.
  const pairingActor = new AsyncLocalStorage<Actor>();
  return {
    get(serial) {
      const gun = settings.get('pairedGuns')[serial];
      return gun ? new Uint8Array(Buffer.from(gun.key, 'base64')) : undefined;
    },
    set(serial, key) {
      const guns = settings.get('pairedGuns');
      const before = guns[serial];
      settings.set('pairedGuns', {
        ...guns,
        [serial]: { key: Buffer.from(key).toString('base64'), pairedAt: now(), model: before?.model ?? '', firmware: before?.firmware ?? '', lastSeenAt: before?.lastSeenAt ?? null },
      });
      audit.append({ actor: pairingActor.getStore() ?? null, action: before ? 'gun.re-pair' : 'gun.pair', entity: 'gun', entityId: serial, newValue: { serial } });
    },
    pairingAs(actor, fn) {
      return pairingActor.run(actor, fn);
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
