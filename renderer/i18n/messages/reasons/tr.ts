import type { AreaCatalogue } from '../area.js';
import type { reasonsEn } from './en.js';

export const reasonsTr: AreaCatalogue<typeof reasonsEn> = {};
