// The temp-then-rename file: nothing appears under the real name until commit, the hash and size are
// of the bytes written, and discard leaves no trace.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFile, PARTIAL_SUFFIX, syncDirectory } from '../../../electron/core/exports/files/atomicFile.js';
import { BatchedWriter } from '../../../electron/core/exports/files/batchedWriter.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AtomicFile', () => {
  it('writes to a hidden partial file and renames only on commit', async () => {
    const f = await AtomicFile.create(dir, 'a.csv');
    await f.write('hello ');
    await f.write(Buffer.from('wörld'));
    expect(readdirSync(dir)).toEqual([path.basename(f.tempPath)]);
    expect(path.basename(f.tempPath)).toMatch(new RegExp(`^\\.a\\.csv\\.[0-9a-f]{12}\\${PARTIAL_SUFFIX}$`));
    const done = await f.finish();
    expect(readdirSync(dir)).toEqual([path.basename(f.tempPath)]);
    await f.commit();
    await syncDirectory(dir);
    expect(readdirSync(dir)).toEqual(['a.csv']);
    const bytes = readFileSync(path.join(dir, 'a.csv'));
    expect(bytes.toString('utf8')).toBe('hello wörld');
    expect(done).toEqual({ name: 'a.csv', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('discard removes the partial file; discard after commit with committed rolls back', async () => {
    const f = await AtomicFile.create(dir, 'b.csv');
    await f.write('x');
    await f.discard();
    expect(readdirSync(dir)).toEqual([]);
    const g = await AtomicFile.create(dir, 'c.csv');
    await g.finish();
    await g.commit();
    await g.discard({ committed: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never overwrites an existing file and refuses names that are paths', async () => {
    writeFileSync(path.join(dir, 'd.csv'), 'keep');
    // AtomicFile's guards are plain Errors (no code; never a user's refusal): their words are what there is to match.
    await expect(AtomicFile.create(dir, 'd.csv')).rejects.toThrow(/already exists/);
    await expect(AtomicFile.create(dir, '../e.csv')).rejects.toThrow(/plain name/);
    expect(readFileSync(path.join(dir, 'd.csv'), 'utf8')).toBe('keep');
  });

  it('BatchedWriter writes in batches and loses nothing at the end', async () => {
    const f = await AtomicFile.create(dir, 'f.csv');
    const w = new BatchedWriter(f, 10);
    let writes = 0;
    for (let i = 0; i < 100; i++) {
      const p = w.push(`${i}\n`);
      if (p) {
        writes++;
        await p;
      }
    }
    await w.flush();
    await f.finish();
    await f.commit();
    expect(writes).toBeGreaterThan(5);
    expect(readFileSync(path.join(dir, 'f.csv'), 'utf8')).toBe(Array.from({ length: 100 }, (_, i) => `${i}\n`).join(''));
  });
});
