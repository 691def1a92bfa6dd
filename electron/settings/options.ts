// The options conf and electron-store share, so main.ts builds
// `settingsFrom(new ElectronStore<Settings>(electronStoreOptions()))` and the browser host and tests
// build conf with the same schema, defaults and file name. The JSON schema is derived from the
// contract's zod schema: one source.
import type { Options } from 'conf';
import { z } from 'zod';
import { settingsSchema, SETTINGS_DEFAULTS, type Settings, type SettingsKey } from '../contract/settings.js';

type JsonSchema = NonNullable<Options<Settings>['schema']>[SettingsKey];

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest as JsonSchema;
}

export function settingsJsonSchema(): NonNullable<Options<Settings>['schema']> {
  const keys = Object.keys(settingsSchema.shape) as SettingsKey[];
  return Object.fromEntries(keys.map((k) => [k, jsonSchemaOf(settingsSchema.shape[k])])) as NonNullable<Options<Settings>['schema']>;
}

export interface SettingsFileOptions {
  /** Folder of the settings file; by default the user's config folder for the app. */
  cwd?: string;
}

/** What conf and electron-store share: electron-store drops conf's naming options and adds `name`. */
type SharedOptions = Omit<Partial<Options<Settings>>, 'configName' | 'projectName' | 'projectVersion' | 'projectSuffix'>;

function sharedOptions(options: SettingsFileOptions): SharedOptions {
  return {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    schema: settingsJsonSchema(),
    defaults: SETTINGS_DEFAULTS,
    // Gun serials may hold dots; values are read and written whole by top-level key.
    accessPropertiesByDotNotation: false,
    // The file holds the guns' link keys.
    configFileMode: 0o600,
  };
}

/** For `new Conf<Settings>(...)` (browser host, tests). */
export function confOptions(options: SettingsFileOptions = {}): Partial<Options<Settings>> {
  return { ...sharedOptions(options), projectName: 'meso-station', configName: 'settings' };
}

/** For `new ElectronStore<Settings>(...)` in main.ts: the same schema, defaults and file name. */
export function electronStoreOptions(options: SettingsFileOptions = {}): SharedOptions & { name: string } {
  return { ...sharedOptions(options), name: 'settings' };
}
