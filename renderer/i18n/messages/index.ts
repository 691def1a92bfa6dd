// The screens' catalogues (react-intl, ICU MessageFormat), joined from their areas. English is the
// source language: Turkish and Spanish have exactly its keys (the types say so, and
// tests/unit/renderer/i18n.test.ts checks that no key is in two areas and that every key is used).
// Keys: <screen or component>.<what>.
import { shellEn } from './shell/en.js';
import { shellEs } from './shell/es.js';
import { shellTr } from './shell/tr.js';
import { sessionEn } from './session/en.js';
import { sessionEs } from './session/es.js';
import { sessionTr } from './session/tr.js';
import { recordEn } from './record/en.js';
import { recordEs } from './record/es.js';
import { recordTr } from './record/tr.js';
import { adminEn } from './admin/en.js';
import { adminEs } from './admin/es.js';
import { adminTr } from './admin/tr.js';
import { qualityEn } from './quality/en.js';
import { qualityEs } from './quality/es.js';
import { qualityTr } from './quality/tr.js';
import { reasonsEn } from './reasons/en.js';
import { reasonsEs } from './reasons/es.js';
import { reasonsTr } from './reasons/tr.js';

/** Each area's English, by area: the test checks that no key stands in two. */
export const EN_AREAS = { shell: shellEn, session: sessionEn, record: recordEn, admin: adminEn, quality: qualityEn, reasons: reasonsEn } as const;

export const en = { ...shellEn, ...sessionEn, ...recordEn, ...adminEn, ...qualityEn, ...reasonsEn } as const;

export type UiMessageId = keyof typeof en;
export type UiCatalogue = Record<UiMessageId, string>;

export const tr: UiCatalogue = { ...shellTr, ...sessionTr, ...recordTr, ...adminTr, ...qualityTr, ...reasonsTr };
export const es: UiCatalogue = { ...shellEs, ...sessionEs, ...recordEs, ...adminEs, ...qualityEs, ...reasonsEs };
