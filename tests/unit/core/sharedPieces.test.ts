// The small shared pieces the services are built from: an admin's audited change (adminChange), the
// stale-edit check, lookups by id (found), version authorship (storage/versions.ts), and the
// contract's shared fields (printedCode, refinedBy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printedCode, refinedBy } from '../../../electron/contract/fields.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { found } from '../../../electron/core/errors.js';
import { adminChange, checkEditedVersion } from '../../../electron/core/serviceChecks.js';
import { insertSerum } from '../../../electron/core/serum/repository.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { authorshipView, insertVersionRow, type AuthorshipRow } from '../../../electron/core/storage/versions.js';
import { expectCoreError } from '../../support/coreErrors.js';

const ADMIN: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };
const CLINICIAN: Actor = { userId: 2, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meso-shared-'));
  db = openDatabase(join(dir, 'station.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const serumCount = () => (db.prepare('SELECT count(*) AS n FROM serums').get() as { n: number }).n;
const input = z.strictObject({ at: z.string().min(1) });

describe('adminChange', () => {
  it('runs the change as the admin, with the parsed input', () => {
    const before = serumCount(); // the migrations seed example serums
    const id = adminChange(db, ADMIN, input, { at: '2026-01-01T00:00:00.000Z' }, (admin, parsed) => {
      expect(admin).toBe(ADMIN);
      return insertSerum(db, parsed.at);
    });
    expect(id).toBeGreaterThan(0);
    expect(serumCount()).toBe(before + 1);
  });

  it('refuses a clinician, nobody, and input its schema refuses, before running anything', async () => {
    let ran = 0;
    const change = () => ++ran;
    await expectCoreError(() => adminChange(db, CLINICIAN, input, { at: 'x' }, change), 'forbidden', 'auth.forbidden');
    await expectCoreError(() => adminChange(db, null, input, { at: 'x' }, change), 'unauthenticated', 'auth.not-logged-in');
    await expectCoreError(() => adminChange(db, ADMIN, input, { at: '' }, change), 'validation', { field: 'at' });
    expect(ran).toBe(0);
  });

  it('keeps nothing of a change that throws', () => {
    const before = serumCount();
    expect(() =>
      adminChange(db, ADMIN, input, { at: '2026-01-01T00:00:00.000Z' }, (_admin, parsed) => {
        insertSerum(db, parsed.at);
        throw new Error('refused half way');
      }),
    ).toThrow('refused half way');
    expect(serumCount()).toBe(before);
  });
});

describe('checkEditedVersion', () => {
  const latest = { name: 'Serum A', version: 3 };
  it('lets an edit of the latest version, or one that names none, through', () => {
    expect(() => checkEditedVersion(latest, 3)).not.toThrow();
    expect(() => checkEditedVersion(latest, undefined)).not.toThrow();
  });
  it('refuses an edit of an older version, naming the latest', async () => {
    await expectCoreError(() => checkEditedVersion(latest, 2), 'conflict', { reason: 'edit.stale', params: { name: 'Serum A', version: 3 } });
  });
});

describe('found', () => {
  it('passes a found value through, 0 and empty text included', () => {
    expect(found({ id: 4 }, 'serum-lot', 4)).toEqual({ id: 4 });
    expect(found(0, 'count', 1)).toBe(0);
    expect(found('', 'text', 1)).toBe('');
  });
  it('refuses null and undefined as not-found, naming what and which', async () => {
    await expectCoreError(() => found(null, 'serum-lot', 9, 'lotId'), 'not-found', { reason: 'lookup.not-found', params: { kind: 'serum-lot', id: 9 }, field: 'lotId' });
    await expectCoreError(() => found(undefined, 'serum', 7), 'not-found', { reason: 'lookup.not-found', params: { kind: 'serum', id: 7 } });
  });
});

describe('version authorship', () => {
  it('writes the version with who made it, when and why, and reads it back as the views show it', () => {
    const serumId = insertSerum(db, '2026-01-01T00:00:00.000Z');
    const id = insertVersionRow(db, 'serum_versions', { serum_id: serumId, version: 1, name: 'Serum A', definition: '{}' }, { at: '2026-01-02T00:00:00.000Z', byId: 1, byName: 'Alice Admin', reason: 'first' });
    const row = db.prepare('SELECT serum_id, version, name, created_at, created_by_id, created_by_name, reason FROM serum_versions WHERE id = ?').get(id) as AuthorshipRow & { serum_id: number; version: number; name: string };
    expect(row).toMatchObject({ serum_id: serumId, version: 1, name: 'Serum A' });
    expect(authorshipView(row)).toEqual({ createdAt: '2026-01-02T00:00:00.000Z', createdBy: { userId: 1, name: 'Alice Admin' }, reason: 'first' });
  });
  it('shows a version nobody authored (a seed) with no author', () => {
    expect(authorshipView({ created_at: '2026-01-01', created_by_id: null, created_by_name: null, reason: null })).toEqual({ createdAt: '2026-01-01', createdBy: null, reason: null });
  });
});

describe('contract fields', () => {
  it('printedCode takes letters, digits and . _ / -, trimmed, and refuses the rest', () => {
    expect(printedCode.parse('  LOT-2026/07.a_1 ')).toBe('LOT-2026/07.a_1');
    for (const bad of ['', '-LOT', 'LOT 7', 'LOT#7', 'x'.repeat(41)]) expect(printedCode.safeParse(bad).success, bad).toBe(false);
  });
  it('refinedBy turns each problem a rule finds into an issue at its path', () => {
    const schema = z.strictObject({ low: z.number(), high: z.number() }).superRefine(
      refinedBy((v: { low: number; high: number }) => (v.low > v.high ? [{ path: ['high'], message: 'must not be below low' }] : [])),
    );
    expect(schema.safeParse({ low: 1, high: 2 }).success).toBe(true);
    const r = schema.safeParse({ low: 3, high: 2 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['high', 'must not be below low']]);
  });
});
