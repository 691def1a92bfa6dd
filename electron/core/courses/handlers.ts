// Contract handlers for courses.*: thin adapters from (actor, parsed input) to the course services.
import type { coursesContract } from '../../contract/courses.js';
import type { HandlerMap } from '../dispatch.js';
import type { EnrolmentService } from './enrolments.js';
import type { CourseTemplateService } from './templates.js';

export function coursesHandlers(s: { courseTemplates: CourseTemplateService; enrolments: EnrolmentService }): HandlerMap<typeof coursesContract> {
  return {
    'courses.templates': async () => s.courseTemplates.list(),
    'courses.updateTemplate': async (ctx, input) => s.courseTemplates.update(ctx.actor, input),
    'courses.enrol': async (ctx, input) => s.enrolments.enrol(ctx.actor, input),
    'courses.forPatient': async (_ctx, input) => s.enrolments.forPatient(input),
    'courses.dueToday': async () => s.enrolments.dueToday(),
  };
}
