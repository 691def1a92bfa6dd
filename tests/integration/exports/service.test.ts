// Exports as the admin screens drive them, through the real dispatcher: exports.run answers at once
// with a job, exports.progress follows it, exports.cancel stops it; admins only; the PDF reports in
// the asking admin's language.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsContract, type ExportJobView } from '../../../electron/contract/exports.js';
import type { Language } from '../../../electron/contract/languages.js';
import { newConnection } from '../../../electron/core/access/connection.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { createDispatcher } from '../../../electron/core/dispatch.js';
import { exportsHandlers } from '../../../electron/core/exports/handlers.js';
import { ExportService } from '../../../electron/core/exports/service.js';
import { systemClock } from '../../../electron/core/clock.js';
import { openStation, type Station } from './fixture.js';
import { expectCoreError } from '../../support/coreErrors.js';

let st: Station;
let service: ExportService;
/** What languageOf answers, and whom it was asked about. */
let readerLanguage: Language = 'en';
const askedLanguageOf: number[] = [];
beforeAll(() => {
  st = openStation({ rooms: 2, sessionsPerRoomPerDay: 6, days: 4, shotsPerSession: 100, patients: 20, seed: 5 });
  service = new ExportService({
    db: st.db,
    clock: systemClock,
    audit: st.audit,
    pseudonymSecret: st.pseudonymSecret,
    defaultDir: st.out,
    software: 'meso-station test',
    languageOf: (actor) => {
      askedLanguageOf.push(actor.userId);
      return readerLanguage;
    },
  });
});
afterAll(() => st.close());

function dispatcherAs(actor: Actor) {
  return createDispatcher({
    contract: exportsContract,
    handlers: exportsHandlers(service),
    logins: { resolve: () => ({ actor, locked: false }), touch: () => undefined },
  });
}

describe('exports contract', () => {
  it('run returns a job at once; progress reaches done with the manifest', async () => {
    const call = dispatcherAs(st.admin);
    const conn = newConnection();
    const job = (await call(conn, 'exports.run', { outputs: ['sessions_csv', 'shots_csv'] })) as { jobId: string; state: string };
    expect(job.state).toBe('running');
    await service.settled(job.jobId);
    const view = (await call(conn, 'exports.progress', { jobId: job.jobId })) as ExportJobView;
    expect(view).toMatchObject({ state: 'done', phase: 'done', rowsDone: view.rowsTotal, files: 2, error: null });
    expect(view.rowsTotal).toBe(st.clinic.shots + st.clinic.sessions);
    expect(view.manifestPath).toMatch(/\.manifest\.json$/);
    expect(readdirSync(st.out)).toContain(view.manifestPath!.split('/').pop());
  });

  it('cancel stops a running export and it ends cancelled, leaving no files', async () => {
    const call = dispatcherAs(st.admin);
    const conn = newConnection();
    const before = readdirSync(st.out).length;
    const job = (await call(conn, 'exports.run', { outputs: ['pdf', 'json'] })) as { jobId: string };
    const cancelled = (await call(conn, 'exports.cancel', { jobId: job.jobId })) as { state: string };
    expect(['running', 'cancelled']).toContain(cancelled.state);
    const end = await service.settled(job.jobId);
    expect(end.state).toBe('cancelled');
    expect(readdirSync(st.out).length).toBe(before);
  });

  it('a failing export reports its error in the job', async () => {
    const call = dispatcherAs(st.admin);
    const job = (await call(newConnection(), 'exports.run', { outputs: ['sessions_csv'], targetDir: '/nonexistent/folder' })) as { jobId: string };
    const end = await service.settled(job.jobId);
    expect(end).toMatchObject({ state: 'failed', error: { code: 'validation', field: 'targetDir' } });
  });

  it('the contract validates inputs and refuses clinicians', async () => {
    const admin = dispatcherAs(st.admin);
    await expect(admin(newConnection(), 'exports.run', { outputs: [] })).rejects.toMatchObject({ code: 'validation' });
    await expect(admin(newConnection(), 'exports.run', { outputs: ['recall_csv'] })).rejects.toMatchObject({ code: 'validation' });
    await expect(admin(newConnection(), 'exports.run', { outputs: ['json'], filters: { fromDate: '2025-02-30' } })).rejects.toMatchObject({ code: 'validation' });
    await expect(admin(newConnection(), 'exports.progress', { jobId: 'not-a-job' })).rejects.toMatchObject({ code: 'validation' });
    await expect(admin(newConnection(), 'exports.progress', { jobId: '0123456789abcdef' })).rejects.toMatchObject({ code: 'not-found' });
    const clinician: Actor = { userId: 1, username: 'clin01', displayName: 'C', role: 'clinician' };
    await expect(dispatcherAs(clinician)(newConnection(), 'exports.run', { outputs: ['json'] })).rejects.toMatchObject({ code: 'forbidden' });
    await expectCoreError(() => service.run(clinician, { outputs: ['json'], filters: {}, pseudonymise: false, bom: true }), 'forbidden', { reason: 'auth.forbidden', params: { role: 'clinician' } });
  });

  it('writes the PDF reports in the language of the admin who asked (languageOf), Turkish letters intact', async ({ skip }) => {
    if (!hasPdftotext()) skip('poppler-utils is not installed (apt-get install poppler-utils)');
    const { patient_id: patientId } = st.db.prepare('SELECT patient_id FROM clinical_sessions ORDER BY id LIMIT 1').get() as { patient_id: number };
    const dir = mkdtempSync(path.join(st.dir, 'pdf-tr-'));
    readerLanguage = 'tr';
    askedLanguageOf.length = 0;
    try {
      const job = service.run(st.admin, { outputs: ['pdf'], filters: { patientId }, pseudonymise: false, bom: true, targetDir: dir });
      const end = await service.settled(job.jobId);
      expect(end.state, JSON.stringify(end.error)).toBe('done');
      expect(askedLanguageOf).toEqual([st.admin.userId]);
      const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'))!;
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, pdf), '-'], { encoding: 'utf8' });
      expect(text).toContain('Saç mezoterapisi - seans raporu');
      expect(text).toContain('Doğum tarihi');
      expect(text).not.toContain('Date of birth');
    } finally {
      readerLanguage = 'en';
    }
  });
});

function hasPdftotext(): boolean {
  try {
    execFileSync('which', ['pdftotext'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
