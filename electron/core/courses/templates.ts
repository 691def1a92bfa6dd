// Course templates: read the latest versions, and let an admin edit one. An edit never rewrites a
// version; it adds the next one (enrolments keep the version they were made on) and is audited.
import { updateTemplateInput, type CourseDefinitionFields, type CourseTemplateView } from '../../contract/courses.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import type { Db } from '../storage/db.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import { atomically } from '../audit/atomically.js';
import { parseInput, requireAdmin } from '../patients/validate.js';
import { insertVersion, latestVersion, latestVersions, versionById } from './repository.js';

export class CourseTemplateService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
  ) {}

  list(): CourseTemplateView[] {
    return latestVersions(this.db);
  }

  latest(templateId: number): CourseTemplateView {
    const t = latestVersion(this.db, templateId);
    if (!t) throw notFound('course-template', templateId);
    return t;
  }

  version(versionId: number): CourseTemplateView {
    const t = versionById(this.db, versionId);
    if (!t) throw notFound('course-template-version', versionId);
    return t;
  }

  update(actorOrNull: Actor | null, input: z.input<typeof updateTemplateInput>): CourseTemplateView {
    const actor = requireAdmin(actorOrNull);
    const u = parseInput(updateTemplateInput, input);
    return atomically(this.db, () => {
      const before = this.latest(u.templateId);
      if (u.expectedVersion !== undefined && u.expectedVersion !== before.version)
        throw refused('conflict', { code: 'edit.stale', params: { name: before.name, version: before.version } }, `Template "${before.name}" is now at version ${before.version}; reload it before editing.`);
      const definition: CourseDefinitionFields = { phases: u.phases, minSessions: u.minSessions, minDurationDays: u.minDurationDays, zoneTargetsNl: u.zoneTargetsNl };
      const versionId = insertVersion(this.db, {
        templateId: u.templateId,
        version: before.version + 1,
        name: u.name,
        description: u.description,
        definition,
        at: nowIso(this.clock),
        byId: actor.userId,
        byName: actor.displayName,
        reason: u.reason,
      });
      const after = this.version(versionId);
      this.audit.append({
        actor,
        action: 'course_template.update',
        entity: 'course_template',
        entityId: u.templateId,
        oldValue: auditable(before),
        newValue: auditable(after),
        reason: u.reason,
      });
      return after;
    });
  }
}

function auditable(t: CourseTemplateView) {
  return { version: t.version, name: t.name, description: t.description, phases: t.phases, minSessions: t.minSessions, minDurationDays: t.minDurationDays, zoneTargetsNl: t.zoneTargetsNl };
}
