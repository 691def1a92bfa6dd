// Every contract method's handler, joined from each area's map. The return type is the whole
// contract's map, so an area whose contract is spread into CONTRACT without its handlers here does
// not compile. To add an area: `...patientsHandlers(services),` below.
import type { Contract } from '../contract/index.js';
import { auditHandlers } from './audit/handlers.js';
import { consentsHandlers } from './consents/handlers.js';
import { coursesHandlers } from './courses/handlers.js';
import { exportsHandlers } from './exports/handlers.js';
import { gunHandlers } from './gun/handlers.js';
import { patientsHandlers } from './patients/handlers.js';
import { patientSheetHandlers } from './patientSheet/handlers.js';
import { plansHandlers } from './plans/handlers.js';
import { qualityHandlers } from './quality/handlers.js';
import { reasonCodesHandlers } from './reasons/handlers.js';
import { serumHandlers } from './serum/handlers.js';
import type { HandlerMap } from './dispatch.js';
import type { Services } from './services.js';
import { settingsHandlers } from './settings/handlers.js';
import type { StationMode } from '../contract/station.js';
import { trainingHandlers } from './training/handlers.js';
import type { TrainingPort } from './training/port.js';
import { stationHandlers, usersHandlers } from './users/handlers.js';

export function buildHandlers(services: Services, mode: StationMode = 'clinical', training: TrainingPort | null = null): HandlerMap<Contract> {
  return {
    ...stationHandlers(services),
    ...usersHandlers(services),
    ...auditHandlers(services),
    ...settingsHandlers(services),
    ...patientsHandlers(services),
    ...patientSheetHandlers(services),
    ...consentsHandlers(services),
    ...plansHandlers(services),
    ...coursesHandlers(services),
    ...serumHandlers(services),
    ...services.sessionsArea.handlers,
    ...gunHandlers(services),
    ...exportsHandlers(services.exports),
    ...reasonCodesHandlers(services),
    ...qualityHandlers(services),
    ...trainingHandlers(services, training, mode),
  };
}
