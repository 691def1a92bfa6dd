// The patient sheet's handler: the service built over the session record, the patient record and
// the station's settings.
import type { patientSheetContract } from '../../contract/patientSheet.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { Services } from '../services.js';
import { PatientSheetService } from './service.js';

export function patientSheetHandlers(s: Services): HandlerMap<typeof patientSheetContract> {
  const sheets = new PatientSheetService({
    session: (id) => s.sessionsArea.sessions.get(id),
    patient: (id) => s.patients.get({ id }),
    stationName: () => s.settings.store.get('stationName'),
    stationLanguage: () => s.settings.store.get('language'),
    training: s.mode === 'training',
    now: () => s.clock.now(),
    audit: s.audit,
  });
  return {
    'patientSheet.make': async (ctx, input) => sheets.make(actorOf(ctx), input),
  };
}
