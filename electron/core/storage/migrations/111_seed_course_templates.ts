// The protocols the seed documents describe, as version 1 of each template. Where a seed gives no
// figure (most minimum gaps, some targets) the value is a design choice, said so in the description;
// admins edit them (each edit is a new, audited version). Frozen here: later seeds need a new migration.
import type { Migration } from '../migrate.js';

interface SeedTemplate {
  key: string;
  source: string;
  name: string;
  description: string;
  definition: {
    phases: { label: string; count: number | null; targetGapDays: number; minGapDays: number; maxGapDays: number | null }[];
    minSessions: number | null;
    minDurationDays: number | null;
  };
}

const TEMPLATES: SeedTemplate[] = [
  {
    key: 'seed-003-eight-sessions',
    source: 'seed 003',
    name: '8 sessions: 4 weekly, then 4 within 22 days',
    description:
      'Seed 003: the first 4 sessions weekly (gap at most 11 days), the last 4 with gaps of at most 22 days. ' +
      'The seed also says "every 5 days" for the last 4, which contradicts its own cap: the 14-day target and 5-day minimum are design choices.',
    definition: {
      phases: [
        { label: 'Weekly', count: 4, targetGapDays: 7, minGapDays: 5, maxGapDays: 11 },
        { label: 'Consolidation', count: 4, targetGapDays: 14, minGapDays: 5, maxGapDays: 22 },
      ],
      minSessions: null,
      minDurationDays: null,
    },
  },
  {
    key: 'seed-002-monthly-fortnightly-maintenance',
    source: 'seed 002',
    name: 'Month 1 weekly, months 2-3 fortnightly, then monthly',
    description:
      'Seed 002: 3-4 sessions in month 1, one every 15 days in months 2 and 3, then monthly maintenance. ' +
      'Minimum and maximum gaps are design choices. Maintenance runs until the course is ended.',
    definition: {
      phases: [
        { label: 'Month 1', count: 4, targetGapDays: 7, minGapDays: 5, maxGapDays: 10 },
        { label: 'Months 2-3', count: 4, targetGapDays: 15, minGapDays: 12, maxGapDays: 18 },
        { label: 'Maintenance', count: null, targetGapDays: 30, minGapDays: 21, maxGapDays: 45 },
      ],
      minSessions: null,
      minDurationDays: null,
    },
  },
  {
    key: 'seed-004-fortnightly-five-months',
    source: 'seed 004',
    name: 'Every 2 weeks or more, at least 5 months',
    description:
      'Seed 004: regular sessions over at least five months, never less than two weeks apart. ' +
      '5 months is counted as 150 days from the first to the last session; the 28-day maximum gap is a design choice.',
    definition: {
      phases: [{ label: 'Regular', count: null, targetGapDays: 14, minGapDays: 14, maxGapDays: 28 }],
      minSessions: null,
      minDurationDays: 150,
    },
  },
  {
    key: 'seed-001-ten-sessions',
    source: 'seed 001',
    name: 'At least 10 sessions',
    description: 'Seed 001: a minimum of 10 sessions; results in 2-3 months, full at 6 months. The weekly rhythm (5-14 days) is a design choice.',
    definition: {
      phases: [{ label: 'Course', count: null, targetGapDays: 7, minGapDays: 5, maxGapDays: 14 }],
      minSessions: 10,
      minDurationDays: null,
    },
  },
  {
    key: 'seed-000-maintenance-monthly',
    source: 'seed 000',
    name: 'Maintenance, monthly',
    description: 'Seed 000: maintenance for genetic hair loss, one session a month. Runs until the course is ended.',
    definition: {
      phases: [{ label: 'Maintenance', count: null, targetGapDays: 30, minGapDays: 21, maxGapDays: 45 }],
      minSessions: null,
      minDurationDays: null,
    },
  },
  {
    key: 'seed-000-maintenance-quarterly',
    source: 'seed 000',
    name: 'Maintenance, every 3 months',
    description: 'Seed 000: maintenance for genetic hair loss, one session every 3 months. Runs until the course is ended.',
    definition: {
      phases: [{ label: 'Maintenance', count: null, targetGapDays: 91, minGapDays: 60, maxGapDays: 120 }],
      minSessions: null,
      minDurationDays: null,
    },
  },
];

export const m111SeedCourseTemplates: Migration = {
  id: 111,
  name: 'seed course templates from the seed documents',
  up(db) {
    const at = new Date().toISOString();
    const insertTemplate = db.prepare('INSERT INTO course_templates (key, source, created_at) VALUES (?, ?, ?)');
    const insertVersion = db.prepare(
      `INSERT INTO course_template_versions (template_id, version, name, description, definition, created_at, reason)
       VALUES (?, 1, ?, ?, ?, ?, 'seeded at installation from the seed documents')`,
    );
    for (const t of TEMPLATES) {
      const templateId = Number(insertTemplate.run(t.key, t.source, at).lastInsertRowid);
      insertVersion.run(templateId, t.name, t.description, JSON.stringify(t.definition), at);
    }
  },
};
