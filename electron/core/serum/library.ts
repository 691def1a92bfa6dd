// The serum library: admins create and edit entries; every edit is a new immutable version (sessions
// record the version id they loaded) and is audited with the old and new definitions and a reason.
import { approveExampleInput, createSerumInput, getSerumInput, updateSerumInput, type SerumDetail, type SerumVersionView } from '../../contract/serum.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { CoreError, found, notFound, refused } from '../errors.js';
import type { SignerPort } from '../patients/signers.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import { atomically } from '../audit/atomically.js';
import { adminChange, checkEditedVersion, parseInput, requireAdmin } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import { definitionOf, insertApproval, insertSerum, insertVersion, latestVersions, nameTaken, versionById, versionsOf } from './repository.js';

export class SerumLibrary {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly signers: SignerPort | null = null,
  ) {}

  /** The latest version of every serum. */
  list(): SerumVersionView[] {
    return latestVersions(this.db);
  }

  get(input: z.input<typeof getSerumInput>): SerumDetail {
    const { serumId } = parseInput(getSerumInput, input);
    const versions = versionsOf(this.db, serumId);
    if (versions.length === 0) throw notFound('serum', serumId);
    return { latest: versions[0]!, versions };
  }

  /** One exact version, as a session recorded it. */
  version(versionId: number): SerumVersionView {
    return found(versionById(this.db, versionId), 'serum-version', versionId);
  }

  create(actorOrNull: Actor | null, input: z.input<typeof createSerumInput>): SerumVersionView {
    return adminChange(this.db, actorOrNull, createSerumInput, input, (actor, d) => {
      if (nameTaken(this.db, d.name, null)) throw nameConflict(d.name);
      const at = nowIso(this.clock);
      const serumId = insertSerum(this.db, at);
      const versionId = insertVersion(this.db, { serumId, version: 1, definition: d, at, byId: actor.userId, byName: actor.displayName, reason: null });
      const created = this.version(versionId);
      this.audit.append({ actor, action: 'serum.create', entity: 'serum', entityId: serumId, oldValue: null, newValue: { version: 1, ...d } });
      return created;
    });
  }

  update(actorOrNull: Actor | null, input: z.input<typeof updateSerumInput>): SerumVersionView {
    return adminChange(this.db, actorOrNull, updateSerumInput, input, (actor, { serumId, expectedVersion, reason, ...d }) => {
      const before = this.get({ serumId }).latest;
      checkEditedVersion(before, expectedVersion);
      if (nameTaken(this.db, d.name, serumId)) throw nameConflict(d.name);
      const version = before.version + 1;
      const versionId = insertVersion(this.db, { serumId, version, definition: d, at: nowIso(this.clock), byId: actor.userId, byName: actor.displayName, reason });
      const after = this.version(versionId);
      this.audit.append({
        actor,
        action: 'serum.update',
        entity: 'serum',
        entityId: serumId,
        oldValue: { version: before.version, ...definitionOf(before) },
        newValue: { version, ...d },
        reason,
      });
      return after;
    });
  }

  /**
   * An admin approves an example serum for clinical use, signing with their password: until then a
   * session refuses it. The approval covers the serum (every version an admin makes of it).
   */
  async approveExample(actorOrNull: Actor | null, input: z.input<typeof approveExampleInput>): Promise<SerumVersionView> {
    const actor = requireAdmin(actorOrNull);
    const { serumId, password } = parseInput(approveExampleInput, input);
    const before = this.get({ serumId }).latest;
    if (!before.example) throw refused('conflict', { code: 'serum.not-example', params: { serum: before.name } }, `${before.name} is not an example serum; it needs no approval`);
    if (before.approval) throw refused('conflict', { code: 'serum.already-approved', params: { serum: before.name, at: before.approval.at } }, `${before.name} was approved on ${before.approval.at}`);
    if (!this.signers) throw refused('internal', { code: 'internal.no-signature-check' }, 'no way to check a signature at this station');
    await this.signers.verify(actor, password, 'approved');
    return atomically(this.db, () => {
      const at = nowIso(this.clock);
      insertApproval(this.db, { serumId, byId: actor.userId, byName: actor.displayName, at });
      this.audit.append({ actor, action: 'serum.approve', entity: 'serum', entityId: serumId, oldValue: { approved: false }, newValue: { approved: true, version: before.version, meaning: 'approved for clinical use' } });
      return this.get({ serumId }).latest;
    });
  }
}

export function nameConflict(name: string): CoreError {
  return refused('conflict', { code: 'serum.name-taken', params: { name } }, `name: another serum is already called "${name}"`, 'name');
}
