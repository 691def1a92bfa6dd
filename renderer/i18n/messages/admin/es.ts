import type { AreaCatalogue } from '../area.js';
import type { adminEn } from './en.js';

export const adminEs: AreaCatalogue<typeof adminEn> = {};
