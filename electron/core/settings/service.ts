// Reading and changing settings through the contract. Admin changes are audited key by key with the
// old and new value; gun link keys are never shown or audited.
import type { SettingsChanges, SettingsKey, SettingsView } from '../../contract/settings.js';
import type { Actor } from '../access/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import { refused } from '../errors.js';
import type { Db } from '../storage/db.js';
import { atomically } from '../audit/atomically.js';
import type { SettingsStore } from './store.js';

const VIEW_KEYS = ['stationName', 'room', 'autoLockMinutes', 'gunUsbIds', 'thermotherapy', 'language'] as const satisfies readonly SettingsKey[];

export class SettingsService {
  constructor(
    readonly store: SettingsStore,
    private readonly db: Db,
    private readonly audit: AuditTrail,
    /** Forgets an unpaired gun's link key in the key store (settings/gunKeys.ts). */
    private readonly linkKeys?: { forget(serial: string): void },
  ) {}

  view(): SettingsView {
    const pairedGuns: SettingsView['pairedGuns'] = {};
    for (const [serial, { key: _key, ...rest }] of Object.entries(this.store.get('pairedGuns'))) pairedGuns[serial] = rest;
    const out = Object.fromEntries(VIEW_KEYS.map((k) => [k, this.store.get(k)])) as Omit<SettingsView, 'pairedGuns'>;
    return { ...out, pairedGuns };
  }

  update(actor: Actor, changes: SettingsChanges, reason?: string): SettingsView {
    const changed = (Object.keys(changes) as (keyof SettingsChanges)[]).filter(
      (k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(this.store.get(k)),
    );
    this.writeAudited(
      changed.map((key) => ({ key, value: changes[key] })),
      (key, oldValue, newValue) => this.audit.append({ actor, action: 'settings.update', entity: 'settings', entityId: key, oldValue, newValue, reason: reason ?? null }),
    );
    return this.view();
  }

  forgetGun(actor: Actor, serial: string, reason: string): SettingsView {
    const guns = this.store.get('pairedGuns');
    const gun = guns[serial];
    if (!gun) throw refused('not-found', { code: 'gun.unknown-serial', params: { serial } }, `no paired gun with serial ${serial}`, 'serial');
    const { [serial]: _removed, ...rest } = guns;
    this.writeAudited([{ key: 'pairedGuns', value: rest }], () =>
      this.audit.append({
        actor,
        action: 'gun.unpair',
        entity: 'gun',
        entityId: serial,
        oldValue: { model: gun.model, firmware: gun.firmware, pairedAt: gun.pairedAt },
        newValue: null,
        reason,
      }),
    );
    this.linkKeys?.forget(serial);
    return this.view();
  }

  /**
   * The audit rows and the settings writes succeed together: the rows are written in a transaction
   * that commits only after every write; a failed write rolls the rows back and restores the values
   * already written.
   */
  private writeAudited(writes: { key: SettingsKey; value: unknown }[], auditOne: (key: SettingsKey, oldValue: unknown, newValue: unknown) => void): void {
    if (writes.length === 0) return;
    const store = this.store as { get(key: SettingsKey): unknown; set(key: SettingsKey, value: unknown): void };
    atomically(this.db, () => {
      const done: { key: SettingsKey; old: unknown }[] = [];
      try {
        for (const { key, value } of writes) {
          const old = store.get(key);
          auditOne(key, old, value);
          store.set(key, value);
          done.push({ key, old });
        }
      } catch (e) {
        for (const { key, old } of done.reverse()) store.set(key, old);
        throw e;
      }
    });
  }
}
