// Checks an audit export (audit/export.ts) the way an inspector would: every file against the SHA-256
// its manifest lists; the JSON rows against the manifest's chain proof (each run of consecutive rows
// links up, from the hash before its first row to its last row's hash, and a complete export ends at
// the head); and, given the station's audit key, each row's keyed hash, the head's MAC and the
// checkpoint's MAC. Returns what it found, by code; an empty list means the export verifies.
import { createHash, createSecretKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEntry } from '../../contract/audit.js';
import { canonicalJson } from './canonical.js';
import { checkpointMac, headMac, rowHash, sameMac } from './keyed.js';
import type { AuditExportManifest } from './export.js';

export type AuditExportProblemCode =
  | 'file-missing'
  | 'file-hash-mismatch'
  | 'row-count-mismatch'
  | 'segment-mismatch'
  | 'chain-broken'
  | 'row-hash-mismatch'
  | 'head-mismatch'
  | 'head-mac-mismatch'
  | 'checkpoint-mac-mismatch'
  | 'trail-not-verified';

export interface AuditExportProblem {
  code: AuditExportProblemCode;
  detail: string;
}

/** An exported row: the trail's entry and the chain's hashes. */
interface JsonRow extends AuditEntry {
  prevHash: string;
  hash: string;
}

export async function verifyAuditExport(manifestPath: string, auditKey?: Uint8Array): Promise<{ ok: boolean; problems: AuditExportProblem[]; rows: number }> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as AuditExportManifest;
  const dir = path.dirname(manifestPath);
  const problems: AuditExportProblem[] = [];
  const add = (code: AuditExportProblemCode, detail: string) => problems.push({ code, detail });
  if (!manifest.verification.ok) add('trail-not-verified', `the trail did not verify when exported (${manifest.verification.problems.length} problem(s))`);

  let jsonRows: JsonRow[] | null = null;
  for (const f of manifest.files) {
    const bytes = await readFile(path.join(dir, f.name)).catch(() => null);
    if (!bytes) {
      add('file-missing', f.name);
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== f.sha256 || bytes.length !== f.bytes) add('file-hash-mismatch', f.name);
    if (f.format === 'json') jsonRows = (JSON.parse(bytes.toString('utf8')) as { rows: JsonRow[] }).rows;
  }
  if (!jsonRows) return { ok: problems.length === 0, problems, rows: manifest.rows };
  if (jsonRows.length !== manifest.rows) add('row-count-mismatch', `${jsonRows.length} rows in the JSON, ${manifest.rows} in the manifest`);

  // Runs of consecutive rows, as the manifest lists them, and their links.
  const { segments, head, checkpoint } = manifest.chainProof;
  let s = -1;
  for (let i = 0; i < jsonRows.length; i++) {
    const r = jsonRows[i]!;
    const prev = jsonRows[i - 1];
    if (prev && prev.id === r.id - 1) {
      if (r.prevHash !== prev.hash) add('chain-broken', `row ${r.id} does not follow from row ${prev.id}`);
    } else {
      s++;
      const seg = segments[s];
      if (!seg || seg.fromId !== r.id || seg.prevHash !== r.prevHash) add('segment-mismatch', `a run of rows starts at ${r.id}, which the manifest does not list so`);
    }
    const seg = segments[s];
    if (seg && seg.toId === r.id && seg.lastHash !== r.hash) add('segment-mismatch', `the run ending at row ${r.id} ends with another hash than the manifest's`);
  }
  if (s + 1 !== segments.length) add('segment-mismatch', `${s + 1} runs of rows in the JSON, ${segments.length} in the manifest`);
  if (manifest.chainProof.complete) {
    const first = jsonRows[0];
    const last = jsonRows.at(-1);
    const fromGenesis = !first || first.prevHash === manifest.chainProof.genesisHash;
    const toHead = last ? last.hash === head.lastHash : head.rows === 0;
    if (jsonRows.length !== head.rows || !fromGenesis || !toHead) add('head-mismatch', 'a complete export must run from the genesis hash to the head');
  }

  if (auditKey) {
    const key = createSecretKey(auditKey);
    for (const r of jsonRows) {
      const stored = {
        id: r.id,
        at: r.at,
        user_id: r.userId,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entity_id: r.entityId,
        old_value: r.oldValue === null ? null : canonicalJson(r.oldValue),
        new_value: r.newValue === null ? null : canonicalJson(r.newValue),
        reason: r.reason,
      };
      if (rowHash(key, r.prevHash, stored) !== r.hash) add('row-hash-mismatch', `row ${r.id}'s hash does not match its contents under the audit key`);
    }
    if (!sameMac(head.headMac, headMac(key, head.rows, head.lastHash))) add('head-mac-mismatch', 'the head MAC does not verify under the audit key');
    if (!sameMac(checkpoint.mac, checkpointMac(key, checkpoint))) add('checkpoint-mac-mismatch', 'the checkpoint MAC does not verify under the audit key');
  }
  return { ok: problems.length === 0, problems, rows: jsonRows.length };
}
