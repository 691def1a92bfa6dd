// Lots an admin receives (quantity, supplier) and their quarantine, recall and release, each a row
// with its reason; the approval an admin signs before an example serum may be used on a patient; and
// the contraindications of the example serums (a new version of each, unless an admin has already
// made it their own).
import type { Migration } from '../migrate.js';
import { appendOnly } from './appendOnly.js';
import { addColumns, whoAndWhen } from './shapes.js';

/** Screening answers that rule out the seeded cocktail (it contains minoxidil). */
const EXAMPLE_CONTRAINDICATIONS: Record<string, string[]> = {
  'Hair revitalising cocktail (example)': ['pregnancy', 'breastfeeding'],
  'Biotin and silicium, anaesthetic-free (example)': [],
};

export const m210SerumSafety: Migration = {
  id: 210,
  name: 'received lots, lot quarantine and recall, example serum approvals, example contraindications',
  up(db) {
    db.exec(`
      ${addColumns('serum_lots', ['quantity INTEGER CHECK (quantity IS NULL OR quantity > 0)', 'supplier TEXT'])}

      CREATE TABLE serum_lot_status_changes (
        id INTEGER PRIMARY KEY,
        lot_id INTEGER NOT NULL REFERENCES serum_lots (id),
        status TEXT NOT NULL CHECK (status IN ('released', 'quarantined', 'recalled')),
        reason TEXT NOT NULL,
        ${whoAndWhen('changed')}
      );
      CREATE INDEX serum_lot_status_changes_lot ON serum_lot_status_changes (lot_id, id);
      ${appendOnly('serum_lot_status_changes', { update: 'a lot status change is never edited; record a new one', delete: 'a lot status change is never deleted' })}
      -- A recall is final.
      CREATE TRIGGER serum_lot_recall_final BEFORE INSERT ON serum_lot_status_changes
        WHEN (SELECT status FROM serum_lot_status_changes WHERE lot_id = NEW.lot_id ORDER BY id DESC LIMIT 1) = 'recalled'
        BEGIN SELECT RAISE(ABORT, 'a recalled lot stays recalled'); END;

      CREATE TABLE serum_approvals (
        id INTEGER PRIMARY KEY,
        serum_id INTEGER NOT NULL UNIQUE REFERENCES serums (id),
        ${whoAndWhen('approved')}
      );
      ${appendOnly('serum_approvals', { update: 'an approval is never edited', delete: 'an approval is never deleted' })}
    `);
    const at = new Date().toISOString();
    const seeded = db
      .prepare(
        `SELECT v.serum_id, v.name, v.definition FROM serum_versions v JOIN serums s ON s.id = v.serum_id
         WHERE s.example = 1 AND v.version = 1 AND v.created_by_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM serum_versions w WHERE w.serum_id = v.serum_id AND w.version > 1)`,
      )
      .all() as { serum_id: number; name: string; definition: string }[];
    for (const s of seeded) {
      const contraindications = EXAMPLE_CONTRAINDICATIONS[s.name];
      if (!contraindications || contraindications.length === 0) continue;
      const definition = { ...(JSON.parse(s.definition) as Record<string, unknown>), contraindications };
      db.prepare(`INSERT INTO serum_versions (serum_id, version, name, definition, created_at, reason) VALUES (?, 2, ?, ?, ?, 'contraindications added at installation')`).run(
        s.serum_id,
        s.name,
        JSON.stringify(definition),
        at,
      );
    }
  },
};
