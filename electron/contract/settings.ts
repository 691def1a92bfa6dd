// Station settings: the stored shape (validated on every read and write, whichever store holds it),
// what windows may see (never a gun's link key) and what admins may change.
import { z } from 'zod';
import { language } from './languages.js';
import { returning } from './define.js';

const isoTime = z.iso.datetime({ offset: true });
const usbHexId = z
  .string()
  .regex(/^[0-9a-fA-F]{4}$/, 'four hex digits, e.g. 2341')
  .transform((s) => s.toLowerCase());
export const gunSerialSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const pairedGunSchema = z.strictObject({
  /**
   * Legacy: where the link key was kept before the key store. Read once at start, moved into the key
   * store ('gun-link.SERIAL') and removed from the file (keys/stationSecrets.ts); never written again.
   */
  // A pattern, not z.base64(): conf's validator (ajv) has no "base64" format.
  key: z
    .string()
    .max(200)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'base64')
    .optional(),
  pairedAt: isoTime,
  model: z.string().max(100),
  firmware: z.string().max(100),
  lastSeenAt: isoTime.nullable(),
});

/**
 * The shortest a thermotherapy stage may be set to, in minutes. The seeds require both stages before
 * the injections (seed 003: the steam softens, the massage desensitises; mesotherapy without them is
 * more painful) but give no duration; a session lasts about 40 minutes (seed 003) of which 15 to 30
 * are injecting (seeds 004, 001), leaving 10 to 25 for thermotherapy and closing, and the defaults are
 * 10 and 5. The floor is half of each default, rounded up: a stage set shorter would be a skip in
 * disguise. A shorter stage for one patient is still possible, as a "shortened" stage with a reason
 * and an admin's approval, recorded with the time actually given.
 */
export const THERMO_FLOOR_MINUTES = { steam: 5, massage: 3 } as const;

const editable = {
  stationName: z.string().trim().min(1).max(100),
  room: z.string().trim().max(100),
  /**
   * Idle time before the station locks itself (disarming the gun first). Fractions are allowed (0.5 =
   * 30 s) down to 0.1 min (6 s), so a test or a strict clinic can shorten it; shots fired while armed
   * count as use, so a short idle time never locks mid-zone.
   */
  autoLockMinutes: z.number().min(0.1).max(60),
  gunUsbIds: z.array(z.strictObject({ vendorId: usbHexId, productId: usbHexId })).max(20),
  thermotherapy: z.strictObject({
    steamMinutes: z.number().int().min(THERMO_FLOOR_MINUTES.steam).max(60),
    massageMinutes: z.number().int().min(THERMO_FLOOR_MINUTES.massage).max(60),
  }),
  /** The station's language: screens of users who chose none, the login and lock screens. */
  language,
};

/**
 * Legacy: base64 of the audit trail's 32-byte HMAC key, kept here before the key store. Read once at
 * start, moved into the key store and removed from the file (keys/stationSecrets.ts); never written.
 */
// A pattern, not z.base64(), for the same reason as the link key; exactly 32 bytes.
export const auditKeySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes');

/** Everything the settings file holds, by key. */
export const settingsSchema = z.strictObject({
  ...editable,
  pairedGuns: z.record(gunSerialSchema, pairedGunSchema),
  // Legacy, optional: see auditKeySchema.
  auditKey: auditKeySchema.optional(),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsKey = keyof Settings;
export type PairedGun = z.output<typeof pairedGunSchema>;

export const SETTINGS_DEFAULTS: Settings = {
  stationName: 'Treatment room',
  room: '',
  autoLockMinutes: 5,
  pairedGuns: {},
  gunUsbIds: [],
  thermotherapy: { steamMinutes: 10, massageMinutes: 5 },
  language: 'en',
};

/** What any logged-in window sees: paired guns without their keys, and no audit key. */
export type SettingsView = Omit<Settings, 'pairedGuns' | 'auditKey'> & { pairedGuns: Record<string, Omit<PairedGun, 'key'>> };

export const settingsUpdateInput = z.strictObject({
  changes: z.strictObject(editable).partial(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type SettingsChanges = z.output<typeof settingsUpdateInput>['changes'];

export const settingsContract = {
  'settings.get': returning<SettingsView>()(z.strictObject({}), ['clinician', 'admin']),
  'settings.update': returning<SettingsView>()(settingsUpdateInput, ['admin']),
  /** Unpairs a gun: it must pair again (and show its code) before the station talks to it. */
  'settings.forgetGun': returning<SettingsView>()(z.strictObject({ serial: gunSerialSchema, reason: z.string().trim().min(1).max(500) }), ['admin']),
} as const;
