// Reading the gun's IDENTITY and STATUS into the station's types, and deciding whether this station
// can talk to that gun at all (protocol version and message-table hash).
import { faultFlagsToNames, PROTOCOL_VERSION, SCHEMA_HASH, type MessageOf } from '../protocol/index.js';
import { LinkError } from './errors.js';
import type { GunIdentity, GunStatus } from './types.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function toIdentity(m: MessageOf<'IDENTITY'>): GunIdentity {
  return {
    model: m.model,
    serial: m.serial,
    firmware: m.firmware,
    protocolVersion: m.protocolVersion,
    schemaHash: hex(m.schemaHash),
    limits: {
      doseMinNl: m.doseMinNl,
      doseMaxNl: m.doseMaxNl,
      depthMinUm: m.depthMinUm,
      depthMaxUm: m.depthMaxUm,
      maxShotsPerS: m.maxShotsPerS,
      minIntervalMs: m.minIntervalMs,
      reservoirCapacityNl: m.reservoirCapacityNl,
    },
    // The simulator says so in its model string; the UI shows it on every screen.
    simulated: /simulat/i.test(m.model),
  };
}

/** Null when compatible, else the reason to refuse the gun (it must never be armed). */
export function incompatibility(id: GunIdentity): LinkError | null {
  const who = `Gun ${id.serial || '(no serial)'} (${id.model}, firmware ${id.firmware})`;
  if (id.protocolVersion < PROTOCOL_VERSION)
    return new LinkError(
      'protocol-version',
      `${who} speaks protocol version ${id.protocolVersion}; this station speaks version ${PROTOCOL_VERSION}, which authenticates the pairing, every frame and every dose record. A gun without that could be commanded or have its records forged by anything else on the line, so it is not used: update the gun's firmware.`,
    );
  if (id.protocolVersion !== PROTOCOL_VERSION)
    return new LinkError(
      'protocol-version',
      `${who} speaks protocol version ${id.protocolVersion}; this station speaks version ${PROTOCOL_VERSION}. Update the station; the gun cannot be used until then.`,
    );
  if (id.schemaHash !== hex(SCHEMA_HASH))
    return new LinkError(
      'schema-mismatch',
      `${who} uses a different message table (schema ${id.schemaHash}, station ${hex(SCHEMA_HASH)}) under the same protocol version; the gun cannot be used until its firmware or the station is updated.`,
    );
  return null;
}

export function toStatus(m: MessageOf<'STATUS'>): GunStatus {
  return {
    armed: m.armed,
    authenticated: m.authenticated,
    reservoirNl: m.reservoirNl,
    batteryPct: m.batteryPct,
    needleSeated: m.needleSeated,
    faults: faultFlagsToNames(m.faultFlags),
    gunTimeMs: m.gunTimeMs,
    lastRecordId: m.lastRecordId,
  };
}
