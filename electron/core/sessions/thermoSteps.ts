// Thermotherapy: the steam and massage timers (their set times from the settings), their checklists,
// completing a stage (early only with a reason and an admin's approval: a shortening), and skipping
// the phase (an admin's approval: the injections are more painful without it).
import { THERMO_CHECKLIST, type ChecklistItem } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { refused } from '../errors.js';
import { uncheckedItems, type SessionEvent, type Shortening, type ThermoStage } from './machine.js';
import { blockedFor } from './messages.js';
import type { CredentialsPort, SessionSettings } from './ports.js';
import { elapsedMs } from './thermo.js';
import type { WorkflowStore } from './workflowStore.js';

export interface ThermoStepsDeps {
  clock: Clock;
  store: WorkflowStore;
  credentials: CredentialsPort;
  settings: SessionSettings;
}

type AdminApproval = { username: string; password: string };

export class ThermoSteps {
  constructor(private readonly o: ThermoStepsDeps) {}

  timer(actor: Actor, input: { sessionId: number; stage: ThermoStage }, what: 'start' | 'pause' | 'resume'): number {
    const a = this.o.store.require(input.sessionId);
    const at = this.o.clock.now();
    const minutes = this.o.settings.thermoMinutes();
    const event: SessionEvent =
      what === 'start'
        ? { type: 'THERMO_START', at, stage: input.stage, plannedMs: Math.round(minutes[input.stage] * 60_000) }
        : what === 'pause'
          ? { type: 'THERMO_PAUSE', at, stage: input.stage }
          : { type: 'THERMO_RESUME', at, stage: input.stage };
    this.o.store.step(a, event, { actor });
    return a.row.id;
  }

  /** A checklist item ticked or unticked: recorded as a step with its time. */
  check(actor: Actor, input: { sessionId: number; stage: ThermoStage; item: ChecklistItem; checked: boolean }): number {
    const a = this.o.store.require(input.sessionId);
    if (!(THERMO_CHECKLIST[input.stage] as readonly string[]).includes(input.item))
      throw refused('validation', { code: 'thermo.not-on-checklist', params: { item: input.item, stage: input.stage } }, `${input.item} is not on the ${input.stage} checklist`, 'item');
    const { stage, item, checked } = input;
    this.o.store.step(a, { type: 'THERMO_CHECK', at: this.o.clock.now(), stage, item, checked }, { actor, detail: { stage, item, checked } });
    return a.row.id;
  }

  /**
   * A stage completes when its timer has run its set time and its checklist is ticked. Earlier, it
   * is shortened: that needs a reason and an admin's approval (the way round it would otherwise be a
   * skip in disguise), and is recorded with the time actually given.
   */
  async complete(actor: Actor, input: { sessionId: number; stage: ThermoStage; early?: { reason: string; admin: AdminApproval } }): Promise<number> {
    const { store, clock } = this.o;
    const a = store.require(input.sessionId);
    // The stage must be under way; the machine checks it again (with the checklist and the time).
    if (a.phase !== 'thermotherapy' || (a.step !== `${input.stage}.running` && a.step !== `${input.stage}.paused`))
      throw blockedFor('THERMO_COMPLETE', a.row.id, a.phase, a.step);
    const t = a.ctx.thermo[input.stage];
    const missing = uncheckedItems(t, input.stage);
    if (missing.length > 0)
      throw refused('blocked', { code: 'thermo.checklist-incomplete', params: { stage: input.stage, missing: missing.length } }, `tick every ${input.stage} checklist item first (${missing.join(', ')})`, 'checklist');
    const plannedMs = t.plannedMs;
    let at = clock.now();
    let shortened: Shortening | null = null;
    if (elapsedMs(t, at) < plannedMs) {
      if (!input.early)
        throw refused(
          'blocked',
          { code: 'thermo.too-early', params: { stage: input.stage, givenMs: elapsedMs(t, at), plannedMs } },
          `the ${input.stage} has run ${Math.round(elapsedMs(t, at) / 1000)} s of its ${Math.round(plannedMs / 1000)} s; completing it now shortens it: give a reason and an admin's approval`,
          'early',
        );
      const approver = await this.o.credentials.authenticate(input.early.admin.username, input.early.admin.password);
      if (approver.role !== 'admin')
        throw refused('forbidden', { code: 'approval.not-admin', params: { username: approver.username } }, `${approver.username} is not an admin: shortening thermotherapy needs an admin's approval`, 'early.admin.username');
      // The password check took time: the stage is measured when it completes.
      at = clock.now();
      const given = elapsedMs(t, at);
      if (given < plannedMs) shortened = { reason: input.early.reason, approvedBy: approver.username, approvedByUserId: approver.userId, givenMs: given };
    }
    const givenMs = shortened?.givenMs ?? Math.min(elapsedMs(t, at), plannedMs);
    store.step(
      a,
      { type: 'THERMO_COMPLETE', at, stage: input.stage, shortened },
      {
        actor,
        reason: shortened?.reason,
        detail: {
          stage: input.stage,
          outcome: shortened ? 'shortened' : 'completed',
          givenSeconds: Math.round(givenMs / 1000),
          plannedSeconds: Math.round(plannedMs / 1000),
          ...(shortened ? { approvedBy: shortened.approvedBy, approvedByUserId: shortened.approvedByUserId } : {}),
        },
      },
    );
    return a.row.id;
  }

  /** Skipping thermotherapy makes the injections more painful: an admin approves it with their password. */
  async skip(actor: Actor, input: { sessionId: number; reason: string; admin: AdminApproval }): Promise<number> {
    const { store } = this.o;
    const a = store.require(input.sessionId);
    store.assertCan(a, { type: 'THERMO_SKIP', at: 0, reason: '', approvedBy: '', approvedByUserId: 0 });
    const approver = await this.o.credentials.authenticate(input.admin.username, input.admin.password);
    if (approver.role !== 'admin') throw refused('forbidden', { code: 'approval.not-admin', params: { username: approver.username } }, `${approver.username} is not an admin: skipping thermotherapy needs an admin's approval`, 'admin.username');
    const approval = { approvedBy: approver.username, approvedByUserId: approver.userId };
    store.step(a, { type: 'THERMO_SKIP', at: this.o.clock.now(), reason: input.reason, ...approval }, { actor, reason: input.reason, detail: approval });
    return a.row.id;
  }
}
