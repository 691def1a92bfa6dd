// The PDF's fonts. The 14 standard PDF fonts cover only Latin-1, so names in Greek, Cyrillic, Hebrew,
// Arabic or with combining marks would print as garbage; DejaVu (npm package dejavu-fonts-ttf, a
// dependency) covers those and is embedded as a subset. Characters it lacks (most emoji, CJK) print
// as a visible empty box and are still extractable as text.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;
