// Each user may choose the language of their own screens; none chosen (NULL) means the station's.
import type { Migration } from '../migrate.js';

export const m030UserLanguage: Migration = {
  id: 30,
  name: "users: each user's screen language",
  up(db) {
    db.exec("ALTER TABLE users ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'tr', 'es'))");
  },
};
