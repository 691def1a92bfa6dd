// The connection to one injection gun over serial. See GunLink.ts for the state machine.
export * from './types.js';
export * from './errors.js';
export * from './discovery.js';
export * from './port.js';
export * from './GunLink.js';
export * from './memorySink.js';
export { DoseIntake, toDoseRecord, type DoseIntakeStats } from './doseIntake.js';
