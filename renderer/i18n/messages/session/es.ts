import type { AreaCatalogue } from '../area.js';
import type { sessionEn } from './en.js';

export const sessionEs: AreaCatalogue<typeof sessionEn> = {};
