// Two-person governance of the serum library. An admin drafts a new serum or a change to one (made
// from a named version, with a reason); a second admin approves it, signing with their own password
// (meaning "approved"), and only then is it published as the serum's next version. The drafter can
// never approve their own draft (refused here, and by the schema: migration 220). A draft made from
// a version that is no longer the newest cannot be approved. A serum can be retired, signed (meaning
// "retired"): it is never loaded into a new session again; sessions in progress keep the version they
// loaded (they reference the version, which never changes).
import type { z } from 'zod';
import {
  approveDraftInput,
  diffSerumInput,
  draftSerumInput,
  listDraftsInput,
  retireSerumInput,
  withdrawDraftInput,
  type SerumDefinition,
  type SerumDraftView,
  type SerumVersionView,
} from '../../contract/serum.js';
import { diffSerums, type SerumChange } from '../../contract/serumDiff.js';
import type { Actor } from '../access/actor.js';
import { atomically } from '../audit/atomically.js';
import type { Clock } from '../clock.js';
import { found, refused } from '../errors.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import type { SignerPort } from '../patients/signers.js';
import { adminChange, parseInput, requireAdmin } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import { closeDraft, draftById, insertDraft, insertRetirement, listDrafts, openDraftOf, openNewDraftNamed, type Draft } from './drafts.js';
import { nameConflict, type SerumLibrary } from './library.js';
import { definitionOf, insertSerum, insertVersion, nameTaken } from './repository.js';

const by = (a: Actor) => ({ userId: a.userId, name: a.displayName });

export class SerumGovernance {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly library: SerumLibrary,
    private readonly signers: Pick<SignerPort, 'verify'> | null,
  ) {}

  drafts(actorOrNull: Actor | null, input: z.input<typeof listDraftsInput> = {}): SerumDraftView[] {
    requireAdmin(actorOrNull);
    const { state } = parseInput(listDraftsInput, input);
    return listDrafts(this.db, state === 'open').map((d) => this.view(d));
  }

  draft(draftId: number): SerumDraftView {
    return this.view(this.requireDraft(draftId));
  }

  /** A new serum (no serumId) or a change to one, as a draft; nothing is used on a patient until it is approved. */
  createDraft(actorOrNull: Actor | null, input: z.input<typeof draftSerumInput>): SerumDraftView {
    return adminChange(this.db, actorOrNull, draftSerumInput, input, (actor, { serumId, baseVersion, reason, ...definition }) => {
      let base: SerumVersionView | null = null;
      if (serumId !== undefined) {
        base = this.library.get({ serumId }).latest;
        if (base.retired) throw refused('conflict', { code: 'serum.retired', params: { serum: base.name } }, `${base.name} is retired: it is no longer changed`, 'serumId');
        if (baseVersion !== base.version)
          throw refused('conflict', { code: 'serum.draft-outdated', params: { serum: base.name, baseVersion: baseVersion ?? 0, latestVersion: base.version } }, `${base.name} is now at version ${base.version}; reload it before drafting a change`, 'baseVersion');
        const open = openDraftOf(this.db, serumId);
        if (open) throw refused('conflict', { code: 'serum.draft-open', params: { serum: base.name, draftId: open.id, draftedBy: open.draftedBy.name } }, `${base.name} already has a draft waiting for approval (by ${open.draftedBy.name}); approve or withdraw it first`, 'serumId');
        if (diffSerums(definitionOf(base), definition).length === 0)
          throw refused('validation', { code: 'serum.draft-unchanged', params: { serum: base.name } }, `the draft changes nothing in ${base.name} version ${base.version}`);
      } else if (openNewDraftNamed(this.db, definition.name)) throw nameConflict(definition.name);
      if (nameTaken(this.db, definition.name, serumId ?? null)) throw nameConflict(definition.name);
      const id = insertDraft(this.db, { serumId: serumId ?? null, baseVersion: base?.version ?? null, definition, reason: reason ?? null, at: nowIso(this.clock), by: by(actor) });
      this.audit.append({
        actor,
        action: 'serum.draft',
        entity: 'serum_draft',
        entityId: id,
        oldValue: base ? { serumId: base.serumId, version: base.version } : null,
        newValue: { serumId: serumId ?? null, baseVersion: base?.version ?? null, ...definition },
        reason: reason ?? null,
      });
      return this.draft(id);
    });
  }

  /** Any admin may withdraw an open draft (its drafter, or a second admin declining it), with a reason. */
  withdraw(actorOrNull: Actor | null, input: z.input<typeof withdrawDraftInput>): SerumDraftView {
    return adminChange(this.db, actorOrNull, withdrawDraftInput, input, (actor, w) => {
      const d = this.requireOpen(w.draftId);
      closeDraft(this.db, { id: d.id, outcome: 'withdrawn', at: nowIso(this.clock), by: by(actor), reason: w.reason, publishedVersionId: null });
      this.audit.append({ actor, action: 'serum.draft-withdraw', entity: 'serum_draft', entityId: d.id, oldValue: { state: 'open' }, newValue: { state: 'withdrawn', serumId: d.serumId, name: d.definition.name }, reason: w.reason });
      return this.draft(d.id);
    });
  }

  /**
   * A second admin approves a draft and publishes it as the serum's next version (version 1 of a new
   * serum), signing with their own password. Refused to the drafter, and for a draft made from a
   * version that is no longer the newest or of a serum retired since.
   */
  async approve(actorOrNull: Actor | null, input: z.input<typeof approveDraftInput>): Promise<SerumVersionView> {
    const actor = requireAdmin(actorOrNull);
    const { draftId, password } = parseInput(approveDraftInput, input);
    this.checkApprovable(this.requireOpen(draftId), actor);
    if (!this.signers) throw refused('internal', { code: 'internal.no-signature-check' }, 'no way to check a signature at this station');
    await this.signers.verify(actor, password, 'approved');
    return atomically(this.db, () => {
      // Checked again after the password: the draft or the serum may have changed meanwhile.
      const d = this.checkApprovable(this.requireOpen(draftId), actor);
      const at = nowIso(this.clock);
      const before = d.serumId === null ? null : this.library.get({ serumId: d.serumId }).latest;
      const serumId = d.serumId ?? insertSerum(this.db, at);
      const version = (before?.version ?? 0) + 1;
      const versionId = insertVersion(this.db, { serumId, version, definition: d.definition, at, byId: d.draftedBy.userId, byName: d.draftedBy.name, reason: d.reason });
      closeDraft(this.db, { id: d.id, outcome: 'published', at, by: by(actor), reason: null, publishedVersionId: versionId });
      this.audit.append({
        actor,
        action: 'serum.publish',
        entity: 'serum',
        entityId: serumId,
        oldValue: before ? { version: before.version, ...definitionOf(before) } : null,
        newValue: { version, ...d.definition, draftId: d.id, draftedBy: d.draftedBy.name, meaning: 'approved', signedBy: actor.displayName },
        reason: d.reason,
      });
      return this.library.version(versionId);
    });
  }

  /** Retires a serum, signed: no new session loads it; an open draft of it is withdrawn with it. */
  async retire(actorOrNull: Actor | null, input: z.input<typeof retireSerumInput>): Promise<SerumVersionView> {
    const actor = requireAdmin(actorOrNull);
    const r = parseInput(retireSerumInput, input);
    this.requireActiveSerum(r.serumId);
    if (!this.signers) throw refused('internal', { code: 'internal.no-signature-check' }, 'no way to check a signature at this station');
    await this.signers.verify(actor, r.password, 'retired');
    return atomically(this.db, () => {
      const serum = this.requireActiveSerum(r.serumId);
      const at = nowIso(this.clock);
      insertRetirement(this.db, { serumId: r.serumId, reason: r.reason, at, by: by(actor) });
      const open = openDraftOf(this.db, r.serumId);
      if (open) closeDraft(this.db, { id: open.id, outcome: 'withdrawn', at, by: by(actor), reason: 'the serum was retired', publishedVersionId: null });
      this.audit.append({
        actor,
        action: 'serum.retire',
        entity: 'serum',
        entityId: r.serumId,
        oldValue: { retired: false, version: serum.version },
        newValue: { retired: true, name: serum.name, withdrawnDraftId: open?.id ?? null, meaning: 'retired', signedBy: actor.displayName },
        reason: r.reason,
      });
      return this.library.get({ serumId: r.serumId }).latest;
    });
  }

  /** What changed from one version of a serum to another. */
  diff(input: z.input<typeof diffSerumInput>): SerumChange[] {
    const q = parseInput(diffSerumInput, input);
    const { versions } = this.library.get({ serumId: q.serumId });
    const pick = (n: number, field: string) => {
      const v = versions.find((x) => x.version === n);
      if (!v) throw refused('not-found', { code: 'serum.unknown-version', params: { field, serum: versions[0]!.name, version: n } }, `${field}: ${versions[0]!.name} has no version ${n}`, field);
      return definitionOf(v);
    };
    return diffSerums(pick(q.fromVersion, 'fromVersion'), pick(q.toVersion, 'toVersion'));
  }

  private view(d: Draft): SerumDraftView {
    const latest = d.serumId === null ? null : this.library.get({ serumId: d.serumId }).latest;
    const base = d.serumId === null || d.baseVersion === null ? null : (this.library.get({ serumId: d.serumId }).versions.find((v) => v.version === d.baseVersion) ?? null);
    const changes = diffSerums(base ? definitionOf(base) : null, d.definition as SerumDefinition);
    return { ...d, changes, outdated: d.state === 'open' && latest !== null && (latest.version !== d.baseVersion || latest.retired !== null) };
  }

  private requireDraft(draftId: number): Draft {
    return found(draftById(this.db, draftId), 'serum-draft', draftId, 'draftId');
  }

  private requireOpen(draftId: number): Draft {
    const d = this.requireDraft(draftId);
    if (d.state !== 'open')
      throw refused('conflict', { code: 'serum.draft-closed', params: { draftId, state: d.state, by: d.closed?.by.name ?? null } }, `draft ${draftId} is already ${d.state}`, 'draftId');
    return d;
  }

  private checkApprovable(d: Draft, actor: Actor): Draft {
    if (d.draftedBy.userId === actor.userId)
      throw refused('forbidden', { code: 'serum.drafter-cannot-approve', params: { draftId: d.id, name: d.definition.name } }, `you drafted this change to ${d.definition.name}: another admin must approve it`, 'draftId');
    if (d.serumId !== null) {
      const latest = this.library.get({ serumId: d.serumId }).latest;
      if (latest.retired) throw refused('conflict', { code: 'serum.retired', params: { serum: latest.name } }, `${latest.name} was retired since this draft was made`, 'draftId');
      if (latest.version !== d.baseVersion)
        throw refused('conflict', { code: 'serum.draft-outdated', params: { serum: latest.name, baseVersion: d.baseVersion ?? 0, latestVersion: latest.version } }, `${latest.name} is now at version ${latest.version}; this draft was made from version ${d.baseVersion}`, 'draftId');
    }
    if (nameTaken(this.db, d.definition.name, d.serumId)) throw nameConflict(d.definition.name);
    return d;
  }

  private requireActiveSerum(serumId: number): SerumVersionView {
    const latest = this.library.get({ serumId }).latest;
    if (latest.retired) throw refused('conflict', { code: 'serum.already-retired', params: { serum: latest.name, at: latest.retired.at } }, `${latest.name} was retired on ${latest.retired.at}`, 'serumId');
    return latest;
  }
}
