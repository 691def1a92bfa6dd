// A cancelled export, a disk-full export and an export whose audit entry cannot be written all leave
// the target folder as they found it: no file under a final name, no manifest, no temporary file.
// The attempt itself is in the audit trail.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportCancelled } from '../../../electron/core/exports/progress.js';
import { runExport } from '../../../electron/core/exports/run.js';
import { openStation, type Station } from './fixture.js';

let st: Station;
beforeAll(() => {
  st = openStation({ rooms: 2, sessionsPerRoomPerDay: 6, days: 4, shotsPerSession: 200, patients: 13, hostile: true, unattributedShots: 2, seed: 3 });
});
afterAll(() => st.close());

function lastAudit(): { action: string; reason: string | null } {
  return st.db.prepare('SELECT action, reason FROM audit_log ORDER BY id DESC LIMIT 1').get() as { action: string; reason: string | null };
}

describe('cancel', () => {
  it('aborting mid-way rejects with ExportCancelled and leaves nothing behind', async () => {
    const dir = path.join(st.dir, 'cancel');
    mkdirSync(dir);
    const abort = new AbortController();
    let reports = 0;
    const run = runExport(st.request({ outputs: ['shots_csv', 'sessions_csv', 'json', 'pdf'], targetDir: dir }), {
      ...st.ctx(),
      signal: abort.signal,
      onProgress: (p) => {
        reports++;
        // Cancel once the first file is under way with rows written.
        if (p.rowsDone > 0) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(reports).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(lastAudit()).toMatchObject({ action: 'records.export-cancelled', reason: 'cancelled by the user' });
  });

  it('a cancel during the PDF pass also cleans up every finished PDF', async () => {
    const dir = path.join(st.dir, 'cancel-pdf');
    mkdirSync(dir);
    const abort = new AbortController();
    const run = runExport(st.request({ outputs: ['pdf'], targetDir: dir }), {
      ...st.ctx(),
      signal: abort.signal,
      onProgress: (p) => {
        if (p.rowsDone >= 3) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('audit entry cannot be written', () => {
  it('the export is taken back: renamed files and the manifest are removed again', async () => {
    const dir = path.join(st.dir, 'audit-fails');
    mkdirSync(dir);
    let calls = 0;
    const audit = {
      append: () => {
        calls++;
        if (calls === 1) throw new Error('disk I/O error (simulated)');
      },
    };
    // The injected failure comes back as it was thrown (a plain Error): it is not turned into something that hides it.
    await expect(runExport(st.request({ outputs: ['sessions_csv', 'json'], targetDir: dir }), st.ctx({ audit }))).rejects.toThrow(/simulated/);
    expect(readdirSync(dir)).toEqual([]);
    expect(calls).toBe(2); // the failed success entry, then the failure entry
  });
});

describe('disk full', () => {
  let mnt: string;
  let mounted = false;
  beforeAll(() => {
    mnt = path.join(st.dir, 'tmpfs');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'pipe' });
      mounted = true;
    } catch {
      mounted = false;
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
  });

  it('a data file that does not fit: the export fails with ENOSPC and leaves nothing', async ({ skip }) => {
    if (!mounted) skip('cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN); the disk-full case is not exercised');
    // The file system's own error (ENOSPC) comes back unchanged.
    await expect(runExport(st.request({ outputs: ['shots_csv'], targetDir: mnt }), st.ctx())).rejects.toThrow(/ENOSPC|no space/i);
    expect(readdirSync(mnt)).toEqual([]);
    expect(lastAudit().action).toBe('records.export-failed');
  });

  it('data that fits but a manifest that does not: no data file is left without its manifest', async ({ skip }) => {
    if (!mounted) skip('cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN); the disk-full case is not exercised');
    // Measure the data on a roomy disk, then fill the tmpfs until only the data (not the manifest) fits.
    const probe = path.join(st.dir, 'probe');
    mkdirSync(probe);
    // Pseudonymised: no names or free text, so the data is small enough for a 64 KiB disk.
    const req = { outputs: ['sessions_csv' as const], pseudonymise: true };
    const r = await runExport(st.request({ ...req, targetDir: probe }), st.ctx());
    const dataBytes = r.manifest.files.reduce((s, f) => s + f.bytes, 0);
    const pages = (n: number) => Math.ceil(n / 4096) * 4096;
    const filler = path.join(mnt, 'filler');
    execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4096', `count=${(64 * 1024 - pages(dataBytes)) / 4096}`], { stdio: 'pipe' });
    try {
      expect(pages(dataBytes)).toBeLessThan(64 * 1024);
      const phases = new Set<string>();
      await expect(runExport(st.request({ ...req, targetDir: mnt }), st.ctx({ onProgress: (p) => phases.add(p.phase) }))).rejects.toThrow(/ENOSPC|no space/i);
      // It failed while writing the manifest, after every data file was whole.
      expect(phases.has('finalising')).toBe(true);
      expect(readdirSync(mnt)).toEqual(['filler']);
      expect(lastAudit().action).toBe('records.export-failed');
    } finally {
      rmSync(filler);
    }
  });
});
