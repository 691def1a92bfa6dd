// Interruptions are recorded on the session: a station restart or a link loss while the gun was armed,
// when it began and ended, the records recovered from the gun afterwards and any still missing.
import { afterEach, describe, expect, it } from 'vitest';
import { CLINICIAN, FakeLink, attachLink, armIn, count, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

describe('interruptions', () => {
  it('a station restart while armed: recorded from the last sign of life to the restart; the records the gun kept count as recovered', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(3);
    const lastSign = (h.db.prepare('SELECT MAX(received_at_ms) AS t FROM dose_records').get() as { t: number }).t;
    // Two shots the gun made while the station was going down: on the gun, not in the record.
    const kept = h.gun.fireWithheld(2);
    h.clock.advance(42_000);
    const restartedAt = h.clock.now();
    h = await h.restart();

    let v = h.service.get(id);
    expect(v.armed).toBe(false);
    expect(v.interruptions).toEqual([{ id: 1, kind: 'station-restart', startedAt: lastSign, endedAt: restartedAt, recovered: 0, missing: null }]);
    // The gun comes back and replays what it kept, then reports itself disarmed (its last record id).
    await h.ledger.commit(kept);
    h.service.handleGunStatus(h.gun.serial, await h.gun.status());
    v = h.service.get(id);
    expect(v.totalShots).toBe(5);
    expect(v.interruptions[0]).toMatchObject({ kind: 'station-restart', recovered: 2, missing: 0 });
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'DISARMED' ORDER BY id DESC").get(id) as { detail: string };
    expect(JSON.parse(step.detail)).toEqual({ cause: 'station-restart' });
  });

  it('a record the gun made but never delivered is counted as missing once the gun has said how many it made', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(2);
    const kept = h.gun.fireWithheld(3);
    h = await h.restart();
    await h.ledger.commit(kept.slice(0, 2));
    h.service.handleGunStatus(h.gun.serial, await h.gun.status());
    expect(h.service.get(id).interruptions[0]).toMatchObject({ recovered: 2, missing: 1 });
    await h.ledger.commit(kept.slice(2));
    expect(h.service.get(id).interruptions[0]).toMatchObject({ recovered: 3, missing: 0 });
  });

  it('a restart while disarmed is not an interruption of an armed window', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(1);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    h = await h.restart();
    expect(h.service.get(id).interruptions).toEqual([]);
  });

  it('a link loss while armed opens an interruption; the link ready again ends it', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const link = new FakeLink(h);
    const detach = attachLink(h, link);
    await armIn(h, id, 'vertex');
    await h.gun.fire(2);
    const kept = h.gun.fireWithheld(1);
    const lostAt = h.clock.now();
    h.gun.connected = false;
    link.raise('disconnected', { reason: 'unplugged' });
    await h.service.whenIdle();
    expect(h.service.get(id).interruptions).toEqual([{ id: 1, kind: 'link-lost', startedAt: lostAt, endedAt: null, recovered: 0, missing: null }]);
    h.clock.advance(3_000);
    h.gun.armed = false;
    h.gun.connected = true;
    await h.ledger.commit(kept);
    h.service.handleGunStatus(h.gun.serial, await h.gun.status());
    link.raise('state', 'ready');
    await h.service.whenIdle();
    expect(h.service.get(id).interruptions).toEqual([{ id: 1, kind: 'link-lost', startedAt: lostAt, endedAt: lostAt + 3_000, recovered: 1, missing: 0 }]);
    // The end is written once; the row cannot be deleted.
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => h.db.prepare('UPDATE session_interruptions SET ended_at = 1 WHERE id = 1').run()).toThrow(/only ever given its end/);
    expect(() => h.db.prepare('DELETE FROM session_interruptions').run()).toThrow(/never deleted/);
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM session_interruptions')).toBe(1);
    detach();
  });
});
