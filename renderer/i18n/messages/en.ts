// The screens' English catalogue (react-intl, ICU MessageFormat). The source language: tr.ts and
// es.ts have exactly these keys (the type says so, and tests/unit/renderer/i18n.test.ts checks that
// every key is used). Keys: <screen or component>.<what>.
export const en = {
  'app.stationFallback': 'Treatment room station',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.gunDisarmed': 'The gun was disarmed before {name} logged out.',

  'lock.title': 'Station locked',
  'lock.lockedFor': 'Locked for {name} ({username}).',
  'lock.lockedNobody': 'This station is locked.',
  'lock.hidden': 'Patient data stays hidden until the password is entered again.',
  'lock.gunDisarmed': 'The gun was disarmed before the station locked. Arm it again after unlocking.',
  'lock.logout': 'Log out (switch user)',
  'lock.unlock': 'Unlock',
} as const;

export type UiMessageId = keyof typeof en;
export type UiCatalogue = Record<UiMessageId, string>;
