import type { AreaCatalogue } from '../area.js';
import type { recordEn } from './en.js';

export const recordEs: AreaCatalogue<typeof recordEn> = {};
