// An export's warnings travel as codes with parameters (the admin screen words them in the admin's
// language); the manifest, a file for tools and auditors, words them in English.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runExport } from '../../../electron/core/exports/run.js';
import type { ExportManifest } from '../../../electron/core/exports/manifest.js';
import { openStation, SMALL_CLINIC, type Station } from './fixture.js';

let st: Station;
beforeAll(() => {
  st = openStation(SMALL_CLINIC);
});
afterAll(() => st.close());

it('a session whose saved workflow cannot be read: named by code and id in the result, in English in the manifest', async () => {
  const clean = await runExport(st.request({ outputs: ['sessions_csv'] }), st.ctx());
  expect(clean.warnings).toEqual([]);
  expect(clean.manifest.warnings).toEqual([]);

  const { id } = st.db.prepare('SELECT max(id) AS id FROM clinical_sessions').get() as { id: number };
  st.db.prepare("UPDATE clinical_sessions SET snapshot = '{not json' WHERE id = ?").run(id);
  const r = await runExport(st.request({ outputs: ['sessions_csv'] }), st.ctx());
  expect(r.warnings).toEqual([{ code: 'export.workflow-unreadable', params: { sessionId: id, detail: expect.any(String) } }]);
  const manifest = JSON.parse(readFileSync(r.manifestPath, 'utf8')) as ExportManifest;
  expect(manifest.training).toBe(false);
  expect(manifest.warnings).toHaveLength(1);
  expect(manifest.warnings[0]).toMatch(new RegExp(`^session ${id}: workflow context unreadable \\(.+\\); gun model/firmware, thermotherapy and closing left empty$`));
});
