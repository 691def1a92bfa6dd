// Serum library: limit validation naming the field, versioning (version 1 stays readable), lots, and
// the checks the session workflow calls (serum + lot + patient allergies; profile and volume limits).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSerumInput, type DoseProfile, type SerumDefinition, type SerumVersionView } from '../../../electron/contract/serum.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import type { AuditAppend, AuditPort } from '../../../electron/core/audit/port.js';
import { checkSerumUse, profileWithinSerumLimits } from '../../../electron/core/serum/check.js';
import { SerumLibrary } from '../../../electron/core/serum/library.js';
import { SerumLots } from '../../../electron/core/serum/lots.js';
import { definitionOf } from '../../../electron/core/serum/repository.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { expectCoreError } from '../../support/coreErrors.js';

const ADMIN: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };
const CLINICIAN: Actor = { userId: 2, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };

class FakeAudit implements AuditPort {
  entries: AuditAppend[] = [];
  append(e: AuditAppend): void {
    this.entries.push(structuredClone(e));
  }
}

let dir: string;
let db: Db;
let audit: FakeAudit;
let now: number;
let library: SerumLibrary;
let lots: SerumLots;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meso-serum-'));
  db = openDatabase(join(dir, 'station.db'));
  audit = new FakeAudit();
  now = Date.UTC(2026, 9, 1, 12, 0, 0); // 2026-10-01
  const clock = { now: () => now };
  library = new SerumLibrary(db, audit, clock);
  lots = new SerumLots(db, audit, clock, library);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const VALID: SerumDefinition = {
  name: 'Dutasteride blend',
  components: ['Dutasteride', 'Biotin', 'Lidocaine'],
  allergens: ['lidocaine', 'local-anaesthetic'],
  contraindications: ['pregnancy', 'breastfeeding'],
  notes: '',
  dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 40_000, hardMaxNl: 80_000 },
  depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 3_000, hardMaxUm: 4_000 },
  zoneVolume: { softMaxNl: 600_000, hardMaxNl: 1_000_000 },
  sessionVolume: { softMaxNl: 3_000_000, hardMaxNl: 5_000_000 },
  allowedModes: ['papule', 'nappage'],
  minDaysBetweenSessions: 7,
  maxDaysBetweenSessions: 30,
  defaultProfile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' },
};

const seeded = (): SerumVersionView => library.list().find((s) => s.name.startsWith('Hair revitalising cocktail'))!;

describe('seeded examples', () => {
  it('two example serums, marked as examples, each passing the library rules', () => {
    const list = library.list();
    expect(list).toHaveLength(2);
    expect(list.every((s) => s.example && s.approval === null)).toBe(true);
    expect(list.map((s) => s.version).sort()).toEqual([1, 2]);
    expect(seeded().allergens).toContain('lidocaine');
    for (const s of list) {
      expect(createSerumInput.safeParse(definitionOf(s)).success).toBe(true);
    }
  });
});

describe('library: create and validation', () => {
  it('an admin creates version 1, audited', () => {
    const v = library.create(ADMIN, VALID);
    expect(v).toMatchObject({ name: 'Dutasteride blend', version: 1, example: false, createdBy: { userId: 1 }, allowedModes: ['papule', 'nappage'] });
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'serum.create', entity: 'serum', entityId: v.serumId, oldValue: null })]);
    expect(library.list()).toHaveLength(3);
  });

  it('a clinician may not edit the library', async () => {
    await expectCoreError(() => library.create(CLINICIAN, VALID), 'forbidden');
    expect(count('serums')).toBe(2);
  });

  const bad: [string, (d: SerumDefinition) => unknown, string][] = [
    ['a hard dose maximum beyond the gun (200 uL)', (d) => ({ ...d, dose: { ...d.dose, hardMaxNl: 200_001 } }), 'dose.hardMaxNl'],
    ['a hard dose minimum below the gun (5 uL)', (d) => ({ ...d, dose: { ...d.dose, hardMinNl: 4_999 } }), 'dose.hardMinNl'],
    ['a soft dose maximum above the hard one', (d) => ({ ...d, dose: { ...d.dose, softMaxNl: 90_000 } }), 'dose.softMaxNl'],
    ['a soft dose minimum below the hard one', (d) => ({ ...d, dose: { ...d.dose, softMinNl: 4_000 } }), 'dose.softMinNl'],
    ['a hard depth maximum beyond 6 mm', (d) => ({ ...d, depth: { ...d.depth, hardMaxUm: 6_500 } }), 'depth.hardMaxUm'],
    ['a hard depth minimum under 0.5 mm', (d) => ({ ...d, depth: { ...d.depth, hardMinUm: 400 } }), 'depth.hardMinUm'],
    ['a soft depth outside the hard range', (d) => ({ ...d, depth: { ...d.depth, softMaxUm: 4_500 } }), 'depth.softMaxUm'],
    ['a zone soft volume equal to its hard one', (d) => ({ ...d, zoneVolume: { softMaxNl: 1_000_000, hardMaxNl: 1_000_000 } }), 'zoneVolume.softMaxNl'],
    ['a session soft volume above its hard one', (d) => ({ ...d, sessionVolume: { softMaxNl: 6_000_000, hardMaxNl: 5_000_000 } }), 'sessionVolume.softMaxNl'],
    ['a session volume beyond the largest syringe', (d) => ({ ...d, sessionVolume: { softMaxNl: 3_000_000, hardMaxNl: 12_000_000 } }), 'sessionVolume.hardMaxNl'],
    ['a zone cap above the session cap', (d) => ({ ...d, zoneVolume: { softMaxNl: 5_000_000, hardMaxNl: 6_000_000 } }), 'zoneVolume.hardMaxNl'],
    ['a dose written in fractions', (d) => ({ ...d, dose: { ...d.dose, softMinNl: 10_000.5 } }), 'dose.softMinNl'],
    ['no allowed mode', (d) => ({ ...d, allowedModes: [] }), 'allowedModes'],
    ['an unknown mode', (d) => ({ ...d, allowedModes: ['spray'] }), 'allowedModes[0]'],
    ['a default split not adding to 100', (d) => ({ ...d, defaultProfile: { ...d.defaultProfile, dwellPct: 90 } }), 'defaultProfile.dwellPct'],
    ['a default mode that is not allowed', (d) => ({ ...d, defaultProfile: { ...d.defaultProfile, mode: 'retrograde' } }), 'defaultProfile.mode'],
    ['a default dose outside the soft limits', (d) => ({ ...d, defaultProfile: { ...d.defaultProfile, doseNl: 50_000 } }), 'defaultProfile.doseNl'],
    ['a default depth outside the soft limits', (d) => ({ ...d, defaultProfile: { ...d.defaultProfile, depthUm: 3_500 } }), 'defaultProfile.depthUm'],
    ['a maximum gap shorter than the minimum', (d) => ({ ...d, maxDaysBetweenSessions: 6 }), 'maxDaysBetweenSessions'],
    ['an allergen with a formula character', (d) => ({ ...d, allergens: ['=cmd'] }), 'allergens[0]'],
    ['an unknown contraindication', (d) => ({ ...d, contraindications: ['headache'] }), 'contraindications[0]'],
    ['no components', (d) => ({ ...d, components: [] }), 'components'],
    ['an overlong name', (d) => ({ ...d, name: 'x'.repeat(81) }), 'name'],
    ['an unknown field', (d) => ({ ...d, maxDose: 1 }), 'maxDose'],
  ];
  for (const [what, mutate, field] of bad)
    it(`refuses ${what}, naming ${field}, writing nothing`, async () => {
      await expectCoreError(() => library.create(ADMIN, mutate(structuredClone(VALID)) as never), 'validation', { field });
      expect(count('serum_versions')).toBe(3);
      expect(audit.entries).toHaveLength(0);
    });

  it('accepts soft limits equal to the hard ones and the gun bounds themselves', () => {
    const edge = { ...VALID, name: 'Edge', dose: { hardMinNl: 5_000, softMinNl: 5_000, softMaxNl: 200_000, hardMaxNl: 200_000 }, depth: { hardMinUm: 500, softMinUm: 500, softMaxUm: 6_000, hardMaxUm: 6_000 } };
    expect(library.create(ADMIN, edge).dose.hardMaxNl).toBe(200_000);
  });

  it('refuses a second serum with the same name', async () => {
    library.create(ADMIN, VALID);
    await expectCoreError(() => library.create(ADMIN, { ...VALID, name: 'dutasteride BLEND' }), 'conflict', { field: 'name' });
  });
});

describe('library: versioning', () => {
  it('an edit creates version 2; version 1 is unchanged and still readable by its id; audited with reason', () => {
    const v1 = library.create(ADMIN, VALID);
    const v2 = library.update(ADMIN, { ...VALID, serumId: v1.serumId, expectedVersion: 1, reason: 'lower hard dose', dose: { ...VALID.dose, hardMaxNl: 60_000 } });
    expect(v2).toMatchObject({ serumId: v1.serumId, version: 2, reason: 'lower hard dose' });
    expect(v2.versionId).not.toBe(v1.versionId);
    // The version itself never changes; only whether it is still the newest does.
    expect(library.version(v1.versionId)).toEqual({ ...v1, latest: false });
    expect(library.version(v1.versionId).dose.hardMaxNl).toBe(80_000);
    const detail = library.get({ serumId: v1.serumId });
    expect(detail.latest.version).toBe(2);
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(library.list().filter((s) => s.serumId === v1.serumId).map((s) => s.version)).toEqual([2]);
    const e = audit.entries.at(-1)!;
    expect(e).toMatchObject({ action: 'serum.update', entityId: v1.serumId, reason: 'lower hard dose', oldValue: { version: 1, dose: { hardMaxNl: 80_000 } }, newValue: { version: 2, dose: { hardMaxNl: 60_000 } } });
  });

  it('refuses an edit without a reason, or made on a stale version; versions are immutable in SQL too', async () => {
    const v1 = library.create(ADMIN, VALID);
    await expectCoreError(() => library.update(ADMIN, { ...VALID, serumId: v1.serumId, reason: '' }), 'validation', { field: 'reason' });
    library.update(ADMIN, { ...VALID, serumId: v1.serumId, reason: 'notes', notes: 'shake well' });
    await expectCoreError(() => library.update(ADMIN, { ...VALID, serumId: v1.serumId, reason: 'x', expectedVersion: 1 }), 'conflict');
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db.prepare('DELETE FROM serum_versions WHERE id = ?').run(v1.versionId)).toThrow(/immutable/);
    await expectCoreError(() => library.get({ serumId: 999 }), 'not-found');
  });
});

describe('lots', () => {
  const receive = (serumId: number, lotNumber: string, expiryDate: string) => lots.receive(ADMIN, { serumId, lotNumber, expiryDate, quantity: 24, supplier: 'Meso Pharma SL' });

  it('admins receive a lot with quantity and supplier, audited; clinicians cannot; the same lot again is refused', async () => {
    const s = seeded();
    const lot = receive(s.serumId, 'A123', '2026-10-31');
    expect(lot).toMatchObject({ lotNumber: 'A123', expiryDate: '2026-10-31', expired: false, quantity: 24, supplier: 'Meso Pharma SL', status: 'released', usable: true, statusChange: null });
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'serum_lot.receive', entity: 'serum_lot', entityId: lot.id, newValue: expect.objectContaining({ lotNumber: 'A123', quantity: 24 }) })]);
    await expectCoreError(() => lots.receive(CLINICIAN, { serumId: s.serumId, lotNumber: 'C1', expiryDate: '2026-10-31', quantity: 1, supplier: 'x' }), 'forbidden');
    await expectCoreError(() => receive(s.serumId, 'a123', '2026-11-30'), 'conflict', { field: 'lotNumber', reason: 'lot.already-received' });
    await expectCoreError(() => lots.receive(ADMIN, { serumId: s.serumId, lotNumber: 'Q0', expiryDate: '2026-10-31', quantity: 0, supplier: 'x' }), 'validation', { field: 'quantity' });
    await expectCoreError(() => lots.receive(ADMIN, { serumId: s.serumId, lotNumber: 'Q0', expiryDate: '2026-10-31', quantity: 3, supplier: ' ' }), 'validation', { field: 'supplier' });
    expect(lots.findLot(s.serumId, 'a123')?.id).toBe(lot.id);
  });

  it('refuses a lot already expired at entry', async () => {
    const err = await expectCoreError(() => receive(seeded().serumId, 'OLD1', '2026-09-30'), 'blocked', { field: 'expiryDate' });
    expect(err.reason).toEqual({ code: 'lot.expired', params: { lot: 'OLD1', expiry: '2026-09-30' } });
    expect(count('serum_lots')).toBe(0);
  });

  it('quarantines (releasable) and recalls (final) a lot, each with its reason, audited; either makes it unusable', async () => {
    const s = seeded();
    const lot = receive(s.serumId, 'Q1', '2027-01-31');
    const held = lots.setStatus(ADMIN, { lotId: lot.id, status: 'quarantined', reason: 'supplier notice 2026-14: sterility under review' });
    expect(held).toMatchObject({ status: 'quarantined', usable: false, statusChange: { reason: 'supplier notice 2026-14: sterility under review', by: { userId: 1 } } });
    await expectCoreError(() => lots.setStatus(ADMIN, { lotId: lot.id, status: 'quarantined', reason: 'again' }), 'conflict', { reason: 'lot.status-unchanged' });
    expect(lots.setStatus(ADMIN, { lotId: lot.id, status: 'released', reason: 'supplier cleared the lot' })).toMatchObject({ status: 'released', usable: true });
    expect(lots.setStatus(ADMIN, { lotId: lot.id, status: 'recalled', reason: 'supplier recall R-77' })).toMatchObject({ status: 'recalled', usable: false });
    await expectCoreError(() => lots.setStatus(ADMIN, { lotId: lot.id, status: 'released', reason: 'oops' }), 'conflict', { reason: 'lot.recall-final' });
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db.prepare("INSERT INTO serum_lot_status_changes (lot_id, status, reason, changed_by_id, changed_by_name, changed_at) VALUES (?, 'released', 'x', 1, 'A', 'now')").run(lot.id)).toThrow(/stays recalled/);
    await expectCoreError(() => lots.setStatus(CLINICIAN, { lotId: lot.id, status: 'quarantined', reason: 'x' }), 'forbidden');
    expect(audit.entries.map((e) => e.action)).toEqual(['serum_lot.receive', 'serum_lot.quarantine', 'serum_lot.release', 'serum_lot.recall']);
  });

  it('lists lots with an expired flag by the station calendar; can hide expired ones', async () => {
    const s = seeded();
    receive(s.serumId, 'B1', '2026-10-01');
    receive(s.serumId, 'B2', '2027-01-31');
    expect(lots.list({ serumId: s.serumId }).map((l) => [l.lotNumber, l.expired])).toEqual([
      ['B1', false],
      ['B2', false],
    ]);
    now = Date.UTC(2026, 9, 2, 12, 0, 0);
    expect(lots.list({ serumId: s.serumId }).map((l) => [l.lotNumber, l.expired, l.usable])).toEqual([
      ['B1', true, false],
      ['B2', false, true],
    ]);
    expect(lots.list({ serumId: s.serumId, includeExpired: false }).map((l) => l.lotNumber)).toEqual(['B2']);
    await expectCoreError(() => lots.list({ serumId: 999 }), 'not-found');
  });
});

describe('checkSerumUse', () => {
  const lotOf = (s: SerumVersionView, expiryDate: string, lotNumber = 'A123') => ({ serumId: s.serumId, lotNumber, expiryDate });
  /** The seeded example, as an admin approved it. */
  const approved = (): SerumVersionView => ({ ...seeded(), approval: { by: { userId: 1, name: 'Ada Admin' }, at: '2026-06-01T00:00:00.000Z' } });
  const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

  it('passes a valid lot for a patient without matching allergies; a lot is usable on its expiry day', () => {
    const s = approved();
    expect(checkSerumUse({ serumVersion: s, lot: lotOf(s, '2026-10-31'), patientAllergies: ['penicillin'], today: '2026-10-31' })).toEqual({ ok: true, problems: [] });
  });

  it('refuses an example serum until an admin approves it', () => {
    const s = seeded();
    const r = checkSerumUse({ serumVersion: s, lot: lotOf(s, '2026-10-31'), patientAllergies: [], today: '2026-10-01' });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'serum.example-unapproved', params: { serum: s.name } })]);
  });

  it('blocks an expired, quarantined or recalled lot, naming the lot and why', () => {
    const s = approved();
    expect(checkSerumUse({ serumVersion: s, lot: lotOf(s, '2026-10-31'), patientAllergies: [], today: '2026-11-01' }).problems).toEqual([
      { code: 'lot.expired', params: { lot: 'A123', expiry: '2026-10-31' }, message: 'Lot A123 expired on 2026-10-31' },
    ]);
    const held = checkSerumUse({ serumVersion: s, lot: { ...lotOf(s, '2027-01-01'), status: 'quarantined', statusReason: 'sterility under review' }, patientAllergies: [], today: '2026-10-01' });
    expect(held.problems).toEqual([expect.objectContaining({ code: 'lot.quarantined', params: { lot: 'A123', reason: 'sterility under review' } })]);
    const recalled = checkSerumUse({ serumVersion: s, lot: { ...lotOf(s, '2027-01-01'), status: 'recalled', statusReason: 'R-77' }, patientAllergies: [], today: '2026-10-01' });
    expect(codes(recalled)).toEqual(['lot.recalled']);
  });

  // Allergies in any script match the serum's allergens by code: a table of what blocks and what does not.
  const ALLERGY_TABLE: [string[], string[]][] = [
    [['Lidocaine'], ['lidocaine']],
    [['lidokain'], ['lidocaine']],
    [['LİDOKAİN'], ['lidocaine']],
    [['lıdokaın'], ['lidocaine']],
    [['Lidocaína'], ['lidocaine']],
    [['minoksidil'], ['minoxidil']],
    [['lokal anestezik'], ['lidocaine']],
    [['penicilina'], []],
    [['buflomedil', 'minoxidil'], ['buflomedil', 'minoxidil']],
  ];
  for (const [allergies, blocked] of ALLERGY_TABLE)
    it(`allergy ${allergies.join(', ')} blocks ${blocked.join(', ') || 'nothing'} of the cocktail, naming both`, () => {
      const s = approved();
      const r = checkSerumUse({ serumVersion: s, lot: lotOf(s, '2027-01-01'), patientAllergies: allergies, today: '2026-10-01' });
      expect(r.problems.every((p) => p.code === 'serum.allergen')).toBe(true);
      expect(r.problems.map((p) => p.params.code)).toEqual(expect.arrayContaining(blocked));
      if (blocked.length === 0) expect(r.ok).toBe(true);
      for (const p of r.problems) expect(p.params).toMatchObject({ serum: s.name });
    });

  it('a serum listing only "local anaesthetic" is blocked for a lidocaine allergy (the member cannot be ruled out)', () => {
    const s = { ...approved(), allergens: ['anestésico local'] };
    expect(codes(checkSerumUse({ serumVersion: s, lot: lotOf(s, '2027-01-01'), patientAllergies: ['lidokain'], today: '2026-10-01' }))).toEqual(['serum.allergen']);
  });

  it("blocks an anaesthetic-containing serum for a screening that records an anaesthetic allergy", () => {
    const s = approved();
    const r = checkSerumUse({ serumVersion: s, lot: lotOf(s, '2027-01-01'), patientAllergies: [], today: '2026-10-01', anaestheticAllergy: true });
    expect(codes(r)).toEqual(['serum.anaesthetic-allergy']);
    const free = { ...library.list().find((x) => x.name.startsWith('Biotin'))!, approval: { by: { userId: 1, name: 'A' }, at: 'x' } };
    expect(checkSerumUse({ serumVersion: free, lot: lotOf(free, '2027-01-01'), patientAllergies: ['lidocaine'], today: '2026-10-01', anaestheticAllergy: true }).ok).toBe(true);
  });

  // Serum contraindications against the screening's yes answers.
  const CONTRA_TABLE: [string[], string[], string[]][] = [
    [['pregnancy', 'breastfeeding'], ['pregnancy'], ['pregnancy']],
    [['pregnancy', 'breastfeeding'], ['breastfeeding', 'diabetes'], ['breastfeeding']],
    [['pregnancy', 'breastfeeding'], ['diabetes'], []],
    [[], ['pregnancy'], []],
    [['activeCancer'], ['activeCancer', 'pregnancy'], ['activeCancer']],
  ];
  for (const [serumList, answers, blocked] of CONTRA_TABLE)
    it(`a serum contraindicated in [${serumList.join(', ')}] with screening yes to [${answers.join(', ')}] blocks [${blocked.join(', ')}]`, () => {
      const s = { ...approved(), allergens: [], contraindications: serumList as SerumVersionView['contraindications'] };
      const r = checkSerumUse({ serumVersion: s, lot: lotOf(s, '2027-01-01'), patientAllergies: [], today: '2026-10-01', contraindications: answers });
      expect(r.problems).toEqual(blocked.map((c) => expect.objectContaining({ code: 'serum.contraindicated', params: { contraindication: c, serum: s.name } })));
    });

  it('the seeded cocktail is contraindicated in pregnancy and breastfeeding (migration 210)', () => {
    expect(seeded()).toMatchObject({ version: 2, contraindications: ['pregnancy', 'breastfeeding'] });
  });

  it("blocks a lot recorded for another serum, and reports every problem at once", () => {
    const s = seeded();
    const other = library.list().find((x) => x.serumId !== s.serumId)!;
    const r = checkSerumUse({ serumVersion: s, lot: { ...lotOf(other, '2026-01-01'), lotNumber: 'Z9' }, patientAllergies: ['lidocaine'], today: '2026-10-01', contraindications: ['pregnancy'] });
    expect(codes(r)).toEqual(['serum.example-unapproved', 'lot.other-serum', 'lot.expired', 'serum.allergen', 'serum.contraindicated']);
  });
});

describe('profileWithinSerumLimits', () => {
  const base: DoseProfile = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' };
  const check = (p: Partial<DoseProfile>) => profileWithinSerumLimits({ ...base, ...p }, VALID);
  const fields = (r: { hardViolations: { field: string }[]; softViolations: { field: string }[] }) => ({
    hard: r.hardViolations.map((v) => v.field),
    soft: r.softViolations.map((v) => v.field),
  });

  it('the default profile is clean', () => {
    expect(check({})).toEqual({ hardViolations: [], softViolations: [] });
  });

  it('dose: soft max is allowed, one nL over is soft, the hard max is soft, one nL over is hard', () => {
    expect(fields(check({ doseNl: 40_000 }))).toEqual({ hard: [], soft: [] });
    expect(fields(check({ doseNl: 40_001 }))).toEqual({ hard: [], soft: ['doseNl'] });
    expect(fields(check({ doseNl: 80_000 }))).toEqual({ hard: [], soft: ['doseNl'] });
    expect(fields(check({ doseNl: 80_001 }))).toEqual({ hard: ['doseNl'], soft: [] });
    expect(fields(check({ doseNl: 9_999 }))).toEqual({ hard: [], soft: ['doseNl'] });
    expect(fields(check({ doseNl: 4_999 }))).toEqual({ hard: ['doseNl'], soft: [] });
    expect(check({ doseNl: 80_001 }).hardViolations[0]!.message).toBe('Dose 80.001\u00a0µL is outside the hard limits 5.0\u00a0µL-80.0\u00a0µL for Dutasteride blend');
  });

  it('depth, mode and split', () => {
    expect(fields(check({ depthUm: 3_500 }))).toEqual({ hard: [], soft: ['depthUm'] });
    expect(fields(check({ depthUm: 4_001 }))).toEqual({ hard: ['depthUm'], soft: [] });
    expect(fields(check({ mode: 'retrograde' }))).toEqual({ hard: ['mode'], soft: [] });
    expect(fields(check({ entryPct: 10 }))).toEqual({ hard: ['split'], soft: [] });
  });

  it('compares whole nL and um only: a fraction is refused, never rounded into range', () => {
    expect(() => check({ doseNl: 80_000.4 })).toThrow(RangeError);
    expect(() => check({ depthUm: 2_000.5 })).toThrow(RangeError);
  });
});
