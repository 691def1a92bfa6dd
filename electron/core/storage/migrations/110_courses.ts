// Course templates (one row per protocol, one immutable row per edit) and enrolments. An enrolment
// pins a template version, so an admin's later edit never moves an enrolled patient's dates.
import type { Migration } from '../migrate.js';
import { versionsTable } from './shapes.js';

export const m110Courses: Migration = {
  id: 110,
  name: 'course templates (versioned) and enrolments',
  up(db) {
    db.exec(`
      CREATE TABLE course_templates (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      ${versionsTable('course_template_versions', {
        parent: 'course_templates',
        parentKey: 'template_id',
        columns: ['name TEXT NOT NULL', 'description TEXT NOT NULL', 'definition TEXT NOT NULL'],
        refuse: { update: 'course template versions are immutable; add a new version', delete: 'course template versions are immutable' },
      })}

      CREATE TABLE course_enrolments (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        template_version_id INTEGER NOT NULL REFERENCES course_template_versions (id),
        start_date TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
        enrolled_at TEXT NOT NULL,
        enrolled_by_id INTEGER NOT NULL,
        enrolled_by_name TEXT NOT NULL,
        ended_at TEXT
      );
      -- One running course per patient: enrolling on a new one ends the old one.
      CREATE UNIQUE INDEX course_enrolments_one_active ON course_enrolments (patient_id) WHERE status = 'active';
    `);
  },
};
