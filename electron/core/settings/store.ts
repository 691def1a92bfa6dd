// What the core needs from a settings file: typed get/set by key. The core never builds the store
// itself (electron-store imports `electron`); main.ts or the browser host hands one in, wrapped by
// settingsFrom() so every value read is checked against the schema and every value written is too.
import { settingsSchema, SETTINGS_DEFAULTS, type Settings, type SettingsKey } from '../../contract/settings.js';
import { refused } from '../errors.js';

/** Keys whose value may be absent, and so can be removed (the legacy secrets moved to the key store). */
export type OptionalSettingsKey = { [K in SettingsKey]: undefined extends Settings[K] ? K : never }[SettingsKey];

export interface SettingsStore {
  get<K extends SettingsKey>(key: K): Settings[K];
  set<K extends SettingsKey>(key: K, value: Settings[K]): void;
  remove(key: OptionalSettingsKey): void;
}

/** The shape conf and electron-store share (and the in-memory store for tests). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface SettingsFromOptions {
  /** Told when a stored value fails the schema and the default is used instead. */
  onInvalid?: (key: SettingsKey) => void;
}

export function settingsFrom(store: KeyValueStore, options: SettingsFromOptions = {}): SettingsStore {
  return {
    get<K extends SettingsKey>(key: K): Settings[K] {
      const raw = store.get(key);
      if (raw === undefined) return structuredClone(SETTINGS_DEFAULTS[key]);
      const parsed = settingsSchema.shape[key].safeParse(raw);
      if (parsed.success) return parsed.data as Settings[K];
      // A hand-edited or damaged file: run on the default rather than on a value nobody validated.
      options.onInvalid?.(key);
      return structuredClone(SETTINGS_DEFAULTS[key]);
    },
    set<K extends SettingsKey>(key: K, value: Settings[K]): void {
      const parsed = settingsSchema.shape[key].safeParse(value);
      if (!parsed.success) throw refused('validation', { code: 'validation.invalid', params: { field: key } }, `${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, key);
      store.set(key, parsed.data);
    },
    remove(key: OptionalSettingsKey): void {
      store.delete(key);
    },
  };
}

/** An in-memory store (tests, and a host run with no settings file). */
export function memorySettings(initial: Partial<Settings> = {}): SettingsStore {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return settingsFrom({
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => void values.set(key, structuredClone(value)),
    delete: (key) => void values.delete(key),
  });
}
