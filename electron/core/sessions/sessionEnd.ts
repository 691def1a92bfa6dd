// How a session ends: closing care (finishing mesotherapy disarms the gun first), the signature (only
// by the clinician who performed it, only once every dose record the gun made is in the record; a
// reviewer may co-sign), the abort (the gun first), and addenda: corrections to a signed or aborted
// record are new rows that reference it; the record itself never changes.
import type { Actor } from '../access/actor.js';
import { refused, notFound } from '../errors.js';
import { inTransaction } from '../storage/db.js';
import type { RecordCompleteness } from './completeness.js';
import type { GunStops } from './gunStops.js';
import type { CredentialsPort, GunPort, RecordDeps } from './ports.js';
import { insertAddendum, insertSignature, readSession } from './repo.js';
import type { WorkflowStore } from './workflowStore.js';

export interface SessionEndDeps extends RecordDeps {
  gun: GunPort;
  credentials: CredentialsPort;
  store: WorkflowStore;
  stops: GunStops;
  completeness: Pick<RecordCompleteness, 'missingRecords'>;
}

export class SessionEnd {
  constructor(private readonly o: SessionEndDeps) {}

  async closing(actor: Actor, input: { sessionId: number; oilSerumApplied: true; aftercareGiven: true; notes?: string }): Promise<number> {
    const { store } = this.o;
    const a = store.require(input.sessionId);
    const at = this.o.clock.now();
    if (a.phase === 'mesotherapy') {
      if (a.ctx.armWindowId !== null) await this.o.stops.inCommand(actor, 'mesotherapy finished');
      store.step(a, { type: 'MESO_FINISHED', at }, { actor });
    }
    store.step(a, { type: 'CLOSING_DONE', at, oilSerumApplied: input.oilSerumApplied, aftercareGiven: input.aftercareGiven, notes: input.notes ?? null }, { actor });
    return a.row.id;
  }

  async sign(actor: Actor, input: { sessionId: number; password: string; reviewedBy?: { username: string; password: string } }): Promise<number> {
    const { store, credentials, db } = this.o;
    const a = store.require(input.sessionId);
    store.assertCan(a, { type: 'SIGNED', at: 0 });
    if (actor.userId !== a.row.clinician_user_id)
      throw refused('forbidden', { code: 'session.sign-by-performer', params: { clinician: a.row.clinician_display_name } }, 'the session is signed by the clinician who performed it');
    const missing = await this.o.completeness.missingRecords();
    if (missing < 0) throw refused('blocked', { code: 'session.records-unconfirmed' }, 'the gun has not yet confirmed its last dose record; connect it so every dose is in the record before signing');
    if (missing > 0) throw refused('blocked', { code: 'session.records-missing', params: { count: missing } }, `${missing} dose record(s) from the gun have not arrived yet; keep the gun connected until they do`);
    await credentials.verifySignature(actor, input.password, 'performed');
    let reviewer: Actor | null = null;
    if (input.reviewedBy) {
      reviewer = await credentials.authenticate(input.reviewedBy.username, input.reviewedBy.password);
      if (reviewer.userId === actor.userId) throw refused('validation', { code: 'session.reviewer-is-self' }, 'the reviewer must be another person', 'reviewedBy.username');
    }
    const at = this.o.clock.now();
    const signer = (who: Actor, meaning: 'performed' | 'reviewed') =>
      insertSignature(db, { sessionId: a.row.id, userId: who.userId, username: who.username, displayName: who.displayName, meaning, signedAt: at });
    store.step(
      a,
      { type: 'SIGNED', at },
      {
        actor,
        detail: { meaning: 'performed', reviewedBy: reviewer?.username ?? null },
        extra: () => {
          signer(actor, 'performed');
          if (reviewer) signer(reviewer, 'reviewed');
        },
      },
    );
    return a.row.id;
  }

  async abort(actor: Actor, input: { sessionId: number; reason: string }): Promise<number> {
    const a = this.o.store.require(input.sessionId);
    // The gun first: an aborted session must never leave an armed gun behind.
    if (a.ctx.armWindowId !== null) await this.o.stops.inCommand(actor, `session aborted: ${input.reason}`);
    else await this.o.gun.disarm().catch(() => undefined);
    this.o.store.step(a, { type: 'ABORT', at: this.o.clock.now(), reason: input.reason, phase: a.phase }, { actor, reason: input.reason });
    return a.row.id;
  }

  /** Corrections to a closed record are new rows that reference it; the record itself never changes. */
  addendum(actor: Actor, input: { sessionId: number; text: string; reason: string }): number {
    const { db } = this.o;
    const row = readSession(db, input.sessionId);
    if (!row) throw notFound('session', input.sessionId, 'sessionId');
    if (row.status === 'in_progress') throw refused('blocked', { code: 'session.still-open', params: { sessionId: row.id, phase: row.phase } }, `session ${row.id} is still open (${row.phase}); addenda are for signed or aborted sessions`);
    const at = this.o.clock.now();
    inTransaction(db, () => {
      const id = insertAddendum(db, { sessionId: row.id, at, userId: actor.userId, username: actor.username, text: input.text, reason: input.reason });
      this.o.audit.append({ actor, action: 'session.addendum', entity: 'clinical_session', entityId: row.id, newValue: { addendumId: id, text: input.text }, reason: input.reason });
    });
    return row.id;
  }
}
