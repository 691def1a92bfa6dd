// Contract handlers for patients.*: thin adapters from (actor, parsed input) to PatientService.
// Takes any object with a `patients` service, so the station's Services can be passed as it is.
import type { patientsContract } from '../../contract/patients.js';
import type { HandlerMap } from '../dispatch.js';
import type { PatientService } from './service.js';

export function patientsHandlers(s: { patients: PatientService }): HandlerMap<typeof patientsContract> {
  const { patients } = s;
  return {
    'patients.list': async (_ctx, input) => patients.list(input),
    'patients.get': async (_ctx, input) => patients.get(input),
    'patients.create': async (ctx, input) => patients.create(ctx.actor, input),
    'patients.update': async (ctx, input) => patients.update(ctx.actor, input),
    'patients.recordScreening': async (ctx, input) => patients.recordScreening(ctx.actor, input),
    'patients.recordGrade': async (ctx, input) => patients.recordGrade(ctx.actor, input),
    'patients.addAllergy': async (ctx, input) => patients.addAllergy(ctx.actor, input),
    'patients.removeAllergy': async (ctx, input) => patients.removeAllergy(ctx.actor, input),
  };
}
