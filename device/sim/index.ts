// The gun simulator: GunModel (protocol only), GunSimulator (on a serial port), SimulatedGun (on a
// socat pty pair). See PROTOCOL.md in ../protocol for what the gun does.
export { GunModel, type GunModelOptions, type SendFn } from './gunModel.js';
export { GunSimulator } from './GunSimulator.js';
export { SimulatedGun, type HarnessOptions } from './harness.js';
export { PtyPair } from './ptyPair.js';
export { systemClock, type Clock } from './clock.js';
export { SIM_DEFAULTS, type SimEvents, type SimOptions, type SimRecord, type SimStats } from './types.js';
export { mulberry32, substream, type Random } from './prng.js';
