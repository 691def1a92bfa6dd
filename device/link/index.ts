// The connection to one injection gun over serial: the only entry point into device/link from outside
// it (lint enforces this). See GunLink.ts for the state machine and README.md for the files.
export { GunLink, DEFAULT_LINK_TIMING, type GunLinkEvents, type GunLinkOptions, type GunLinkTiming, type LinkStats } from './GunLink.js';
export type { DoseRecord, DoseSink, GunIdentity, GunKeyStore, GunStatus, LinkState, RecordedMode, ReportedFault, DoseProfile } from './types.js';
export { LinkError, isLinkError, type LinkErrorCode } from './errors.js';
export { discoverGunPort, matchesGun, describeListError, type UsbId, type PortInfoLike, type PortLister, type DiscoveryOptions } from './discovery.js';
export { describeOpenError, serialPortFactory, type LinkPort, type PortEvents, type PortFactory } from './port.js';
export { MemoryDoseSink, MemoryKeyStore } from './memorySink.js';
export { DoseIntake, toDoseRecord, type DoseIntakeStats, type Provenance } from './doseIntake.js';
export { TypedEmitter, type ListenerErrorReporter } from './typedEmitter.js';
