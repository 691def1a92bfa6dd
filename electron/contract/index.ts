// The one contract between the renderer and the core. Each area declares its methods in its own
// file; this file joins them. Method names are "area.verb".
//
// To add an area: declare `export const xContract = { 'x.verb': returning<Out>()(schema, access) }
// as const` in contract/x.ts, spread it below, and add its handler map in electron/core/handlers.ts
// (a missing handler is then a type error).
import type { InputOf, MethodSpec, OutputOf, ParsedInputOf } from './define.js';
import { auditContract } from './audit.js';
import { consentsContract } from './consents.js';
import { coursesContract } from './courses.js';
import { exportsContract } from './exports.js';
import { gunContract } from './gun.js';
import { patientSheetContract } from './patientSheet.js';
import { patientsContract } from './patients.js';
import { plansContract } from './plans.js';
import { qualityContract } from './quality.js';
import { reasonCodesContract } from './reasonCodes.js';
import { reviewContract } from './review.js';
import { serumContract } from './serum.js';
import { sessionsContract } from './sessions.js';
import { settingsContract } from './settings.js';
import { stationContract } from './station.js';
import { trainingContract } from './training.js';
import { usersContract } from './users.js';

export const CONTRACT = {
  ...stationContract,
  ...usersContract,
  ...auditContract,
  ...settingsContract,
  ...patientsContract,
  ...patientSheetContract,
  ...consentsContract,
  ...plansContract,
  ...coursesContract,
  ...serumContract,
  ...sessionsContract,
  ...gunContract,
  ...exportsContract,
  ...reasonCodesContract,
  ...qualityContract,
  ...reviewContract,
  ...trainingContract,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type Input<N extends MethodName> = InputOf<Contract[N]>;
export type ParsedInput<N extends MethodName> = ParsedInputOf<Contract[N]>;
export type Output<N extends MethodName> = OutputOf<Contract[N]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

export type { Access, ContractError, MethodSpec, Role } from './define.js';
export { REASON_CODES, recordedText, type Reason, type ReasonCode, type ReasonParams } from './reasons.js';
export type { StationEvents } from './station.js';
export type { SessionStatus } from './sessions.js';
