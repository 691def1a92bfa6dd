// The station's one gun as windows see it: a view of the link (state, identity, last status), the
// events that keep screens current, and pairing. The link does the talking; this only translates.
import { isLinkError, type GunLink, type LinkState, type RecordedMode, type ReportedFault } from '../../../device/link/index.js';
import type { FAULT_NAMES } from '../../../device/protocol/index.js';
import type { GunLinkState, GunView, PairedGunView } from '../../contract/gun.js';
import type { FaultName as ContractFaultName, RecordedMode as ContractRecordedMode, ReportedFault as ContractReportedFault } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import { CoreError } from '../errors.js';
import type { StationEventEmitter } from '../events.js';
import type { SettingsGunKeyStore } from '../settings/gunKeys.js';
import type { SettingsStore } from '../settings/store.js';

// The contract repeats the link's states and the gun's fault and mode names so the renderer needs
// nothing from device/; keep them equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _statesMatch: Same<LinkState, GunLinkState> = true;
const _faultsMatch: Same<ReportedFault, ContractReportedFault> = true;
const _faultListMatch: Same<(typeof FAULT_NAMES)[number], ContractFaultName> = true;
const _modesMatch: Same<RecordedMode, ContractRecordedMode> = true;
void [_statesMatch, _faultsMatch, _faultListMatch, _modesMatch];

export type GunLinkLike = Pick<
  GunLink,
  'state' | 'identity' | 'status' | 'refusal' | 'pairingInProgress' | 'beginPairing' | 'pair' | 'reconnect' | 'on'
>;

export class GunService {
  private lastProblem: string | null = null;

  constructor(
    private readonly link: GunLinkLike,
    private readonly keys: SettingsGunKeyStore,
    private readonly settings: SettingsStore,
    private readonly events: StationEventEmitter,
    /** Where the station looks for the gun, for the screens ("/dev/ttyACM0", "USB discovery"). */
    private readonly source: string,
  ) {
    const changed = () => this.events.emit('gun.changed', this.view());
    link.on('state', (state) => {
      if (state === 'ready') this.lastProblem = null;
      changed();
    });
    link.on('status', changed);
    link.on('connected', (id) => {
      this.lastProblem = null;
      this.keys.markSeen(id.serial, { model: id.model, firmware: id.firmware });
      changed();
    });
    link.on('disconnected', ({ reason }) => {
      this.lastProblem = `Gun disconnected: ${reason}`;
      changed();
    });
    link.on('connect-failed', ({ error }) => {
      this.lastProblem = error.message;
      changed();
    });
    link.on('refused', changed);
  }

  view(): GunView {
    const l = this.link;
    const id = l.identity;
    const s = l.status;
    const refusedOrPairing = l.state === 'refused' || l.state === 'awaiting-pairing';
    return {
      linkState: l.state,
      detail: refusedOrPairing ? (l.refusal?.message ?? null) : l.state === 'ready' ? null : this.lastProblem,
      identity: id
        ? {
            model: id.model,
            serial: id.serial,
            firmware: id.firmware,
            simulated: id.simulated,
            limits: { doseMinNl: id.limits.doseMinNl, doseMaxNl: id.limits.doseMaxNl, depthMinUm: id.limits.depthMinUm, depthMaxUm: id.limits.depthMaxUm, maxShotsPerS: id.limits.maxShotsPerS },
          }
        : null,
      status:
        s && id
          ? { armed: s.armed && l.state === 'ready', reservoirNl: s.reservoirNl, reservoirCapacityNl: id.limits.reservoirCapacityNl, batteryPct: s.batteryPct, needleSeated: s.needleSeated, faults: [...s.faults] }
          : null,
      pairingInProgress: l.pairingInProgress,
      source: this.source,
    };
  }

  paired(): PairedGunView[] {
    const connected = this.link.state === 'ready' ? this.link.identity?.serial : undefined;
    return Object.entries(this.settings.get('pairedGuns')).map(([serial, g]) => ({
      serial,
      model: g.model,
      firmware: g.firmware,
      pairedAt: g.pairedAt,
      lastSeenAt: g.lastSeenAt,
      connected: serial === connected,
    }));
  }

  /** `actor`: the admin at the gun; they are recorded as the one who paired when pair() succeeds. */
  async beginPairing(actor: Actor): Promise<GunView> {
    await this.gunCall(() => this.keys.pairingAs(actor, () => this.link.beginPairing()));
    const v = this.view();
    this.events.emit('gun.changed', v);
    return v;
  }

  /** The link stores the key (one audit row, 'gun.pair' or 'gun.re-pair') with `actor` as who paired. */
  async pair(actor: Actor, code: string): Promise<GunView> {
    await this.gunCall(() => this.keys.pairingAs(actor, () => this.link.pair(code)), 'code');
    const v = this.view();
    this.events.emit('gun.changed', v);
    return v;
  }

  /** A gun was unpaired in the settings: if it is the one connected, drop it so it must pair again. */
  forgotten(serial: string): void {
    if (this.link.identity?.serial === serial) this.link.reconnect();
  }

  private async gunCall(fn: () => Promise<void>, field?: string): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (isLinkError(e)) throw new CoreError('gun', e.message, e.code === 'pairing-code-wrong' ? field : e.field);
      throw e;
    }
  }
}
