// Course templates: read the latest versions, and let an admin edit one. An edit never rewrites a
// version; it adds the next one (enrolments keep the version they were made on) and is audited.
import { updateTemplateInput, type CourseDefinitionFields, type CourseTemplateView } from '../../contract/courses.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { found } from '../errors.js';
import type { Db } from '../storage/db.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import { adminChange, checkEditedVersion } from '../serviceChecks.js';
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
    return found(latestVersion(this.db, templateId), 'course-template', templateId);
  }

  version(versionId: number): CourseTemplateView {
    return found(versionById(this.db, versionId), 'course-template-version', versionId);
  }

  update(actorOrNull: Actor | null, input: z.input<typeof updateTemplateInput>): CourseTemplateView {
    return adminChange(this.db, actorOrNull, updateTemplateInput, input, (actor, u) => {
      const before = this.latest(u.templateId);
      checkEditedVersion(before, u.expectedVersion);
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
