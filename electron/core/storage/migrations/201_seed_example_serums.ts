// Two example serums so a fresh station can be tried end to end. Marked example = 1: the library
// screen labels them, and an admin reviews or replaces them before clinical use. Limits sit inside
// the gun's ranges (domain.md); the cocktail's components follow seed 003's description.
import type { Migration } from '../migrate.js';

const EXAMPLES = [
  {
    name: 'Hair revitalising cocktail (example)',
    components: ['Vitamin B complex', 'Biotin', 'Zinc', 'Keratolytic agent', 'Minoxidil', 'Buflomedil (circulation booster)', 'Lidocaine (local anaesthetic)'],
    allergens: ['buflomedil', 'lidocaine', 'local-anaesthetic', 'minoxidil'],
    notes: 'Example entry seeded at installation. Review every limit before clinical use.',
    dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 50_000, hardMaxNl: 100_000 },
    depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 4_000, hardMaxUm: 5_000 },
    zoneVolume: { softMaxNl: 800_000, hardMaxNl: 1_500_000 },
    sessionVolume: { softMaxNl: 4_000_000, hardMaxNl: 6_000_000 },
    allowedModes: ['papule', 'nappage', 'micropapule', 'retrograde'],
    minDaysBetweenSessions: 5,
    maxDaysBetweenSessions: null,
    defaultProfile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' },
  },
  {
    name: 'Biotin and silicium, anaesthetic-free (example)',
    components: ['Biotin', 'Organic silicium', 'Amino acids', 'Vitamin B complex'],
    allergens: [],
    notes: 'Example entry seeded at installation, for patients who may not receive local anaesthetics. Review before clinical use.',
    dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 40_000, hardMaxNl: 80_000 },
    depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 3_000, hardMaxUm: 4_000 },
    zoneVolume: { softMaxNl: 600_000, hardMaxNl: 1_000_000 },
    sessionVolume: { softMaxNl: 3_000_000, hardMaxNl: 5_000_000 },
    allowedModes: ['papule', 'nappage', 'micropapule'],
    minDaysBetweenSessions: 7,
    maxDaysBetweenSessions: null,
    defaultProfile: { doseNl: 20_000, entryPct: 20, dwellPct: 80, exitPct: 0, depthUm: 1_500, mode: 'micropapule' },
  },
];

export const m201SeedExampleSerums: Migration = {
  id: 201,
  name: 'seed example serums',
  up(db) {
    const at = new Date().toISOString();
    for (const { name, ...definition } of EXAMPLES) {
      const serumId = Number(db.prepare('INSERT INTO serums (example, created_at) VALUES (1, ?)').run(at).lastInsertRowid);
      db.prepare(`INSERT INTO serum_versions (serum_id, version, name, definition, created_at, reason) VALUES (?, 1, ?, ?, ?, 'example seeded at installation')`).run(
        serumId,
        name,
        JSON.stringify(definition),
        at,
      );
    }
  },
};
