// The settings file outside Electron (browser host, tests): conf, electron-store's base library,
// with the same options main.ts gives electron-store.
import Conf from 'conf';
import type { Settings } from '../contract/settings.js';
import { settingsFrom, type SettingsFromOptions, type SettingsStore } from '../core/settings/store.js';
import { confOptions, type SettingsFileOptions } from './options.js';

export function openConfSettings(options: SettingsFileOptions & SettingsFromOptions = {}): SettingsStore {
  const conf = new Conf<Settings>(confOptions(options));
  return settingsFrom(conf, options);
}
