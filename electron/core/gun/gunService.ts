// The station's one gun as windows see it: a view of the link (state, identity, last status), the
// events that keep screens current, and pairing. The link does the talking; this only translates.
import { isLinkError, type GunLink, type LinkError, type RecordedMode, type ReportedFault } from '../../../device/link/index.js';
import { TIMING, type FAULT_NAMES } from '../../../device/protocol/index.js';
import { triggerAfterLoss, type GunView, type PairedGunView, type TriggerState, type TriggerView } from '../../contract/gun.js';
import type { Reason } from '../../contract/reasons.js';
import type { FaultName as ContractFaultName, RecordedMode as ContractRecordedMode, ReportedFault as ContractReportedFault } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import { systemClock, type Clock } from '../clock.js';
import { refused } from '../errors.js';
import type { CoreBus } from '../bus.js';
import type { SettingsGunKeyStore } from '../settings/gunKeys.js';
import type { SettingsStore } from '../settings/store.js';

// The contract repeats the gun's fault and mode names (it needs them at run time, and the renderer
// loads nothing from device/); keep them equal. Its link state is the link's own type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _faultsMatch: Same<ReportedFault, ContractReportedFault> = true;
const _faultListMatch: Same<(typeof FAULT_NAMES)[number], ContractFaultName> = true;
const _modesMatch: Same<RecordedMode, ContractRecordedMode> = true;
void [_faultsMatch, _faultListMatch, _modesMatch];

export type GunLinkLike = Pick<
  GunLink,
  'state' | 'identity' | 'status' | 'refusal' | 'pairingInProgress' | 'beginPairing' | 'pair' | 'reconnect'
>;

export class GunService {
  private lastProblem: string | null = null;
  private lastProblemCode: string | null = null;
  /** The trigger as the last STATUS on a live link said it, and when that STATUS came. */
  private liveTrigger: TriggerState = 'no-gun';
  private statusAt: number | null = null;
  /** When the link was lost (null while it is up, or before any gun). */
  private lostAt: number | null = null;
  private lostWith: TriggerState = 'no-gun';
  private watchdogTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly link: GunLinkLike,
    private readonly keys: SettingsGunKeyStore,
    private readonly settings: SettingsStore,
    /** Hears the link's news ('link.*', gun/linkEvents.ts); publishes 'gun.changed'. */
    private readonly events: CoreBus,
    /** Where the station looks for the gun, for the screens ("/dev/ttyACM0", "USB discovery"). */
    private readonly source: string,
    private readonly clock: Clock = systemClock,
  ) {
    const changed = () => this.events.emit('gun.changed', this.view());
    this.events.on('link.state', (state) => {
      if (state === 'ready') this.clearProblem();
      changed();
    });
    this.events.on('link.status', ({ status }) => {
      this.liveTrigger = status.armed ? 'armed' : 'disarmed';
      this.statusAt = this.clock.now();
      this.lostAt = null;
      changed();
    });
    this.events.on('link.connected', (id) => {
      this.clearProblem();
      this.keys.markSeen(id.serial, { model: id.model, firmware: id.firmware });
      changed();
    });
    this.events.on('link.disconnected', ({ reason }) => {
      this.lastProblem = `Gun disconnected: ${reason}`;
      this.lastProblemCode = 'disconnected';
      this.linkLost();
      changed();
    });
    this.events.on('link.connectFailed', ({ error }) => {
      this.lastProblem = error.message;
      this.lastProblemCode = isLinkError(error) ? error.code : 'connect-failed';
      changed();
    });
    this.events.on('link.refused', changed);
  }

  /** Stops the timer that announces the gun's watchdog deadline. */
  close(): void {
    if (this.watchdogTimer) clearTimeout(this.watchdogTimer);
    this.watchdogTimer = null;
  }

  private clearProblem(): void {
    this.lastProblem = null;
    this.lastProblemCode = null;
  }

  /**
   * The link is gone: whatever the last STATUS said is no longer known. If the gun was armed, it
   * fires until its own watchdog stops it; the screens hear again when that deadline passes.
   */
  private linkLost(): void {
    if (this.lostAt !== null) return;
    this.lostAt = this.clock.now();
    this.lostWith = this.liveTrigger === 'no-gun' ? 'no-gun' : this.liveTrigger;
    this.liveTrigger = this.lostWith === 'no-gun' ? 'no-gun' : 'unknown';
    this.statusAt = null;
    const t = triggerAfterLoss(this.lostWith, this.lostAt, this.lostAt, TIMING.gunDisarmAfterSilenceMs);
    if (t.watchdogDeadline !== null) {
      if (this.watchdogTimer) clearTimeout(this.watchdogTimer);
      this.watchdogTimer = setTimeout(() => {
        this.watchdogTimer = null;
        this.events.emit('gun.changed', this.view());
      }, Math.max(0, t.watchdogDeadline - this.lostAt));
      this.watchdogTimer.unref?.();
    }
  }

  /** What can honestly be said about the trigger now (contract/gun.ts TriggerState). */
  trigger(): TriggerView {
    const watchdogMs = TIMING.gunDisarmAfterSilenceMs;
    const base = { statusAt: this.statusAt, watchdogMs };
    if (this.lostAt !== null) return { ...base, ...triggerAfterLoss(this.lostWith, this.lostAt, this.clock.now(), watchdogMs) };
    if (this.link.state === 'ready' && this.link.status && this.statusAt !== null) return { ...base, state: this.liveTrigger, lostArmedAt: null, watchdogDeadline: null };
    // Up but no STATUS yet on this connection (a new connection disarms the gun, but say only what is seen).
    return { ...base, state: this.liveTrigger === 'no-gun' && !this.link.identity ? 'no-gun' : 'unknown', lostArmedAt: null, watchdogDeadline: null };
  }

  view(): GunView {
    const l = this.link;
    const id = l.identity;
    const s = l.status;
    const refusedOrPairing = l.state === 'refused' || l.state === 'awaiting-pairing';
    return {
      linkState: l.state,
      detail: refusedOrPairing ? (l.refusal?.message ?? null) : l.state === 'ready' ? null : this.lastProblem,
      detailCode: refusedOrPairing ? (l.refusal?.code ?? l.state) : l.state === 'ready' ? null : this.lastProblemCode,
      trigger: this.trigger(),
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
          ? { reservoirNl: s.reservoirNl, reservoirCapacityNl: id.limits.reservoirCapacityNl, batteryPct: s.batteryPct, needleSeated: s.needleSeated, faults: [...s.faults] }
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
      if (isLinkError(e)) throw refused('gun', linkReason(e), e.message, e.code === 'pairing-code-wrong' ? field : e.field);
      throw e;
    }
  }
}

/** A link's refusal as a reason: its code ('pairing-code-wrong', 'timeout'), and the field or the gun's refusal it names. */
function linkReason(e: LinkError): Reason {
  return { code: 'gun.link', params: { linkCode: e.code, field: e.field ?? null, nak: e.detail.nak ?? null } };
}
