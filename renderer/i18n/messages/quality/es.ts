import type { AreaCatalogue } from '../area.js';
import type { qualityEn } from './en.js';

export const qualityEs: AreaCatalogue<typeof qualityEn> = {};
