import type { AreaCatalogue } from '../area.js';
import type { adminEn } from './en.js';

export const adminTr: AreaCatalogue<typeof adminEn> = {};
