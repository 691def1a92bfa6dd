// Persisted workflow snapshots carry the machine version they were written by. Restoring one of
// another version goes through an explicit migration or is refused: a snapshot silently read by a
// machine of another shape could put a session in the wrong phase.
import { createActor, type Actor as XActor, type Snapshot } from 'xstate';
import { refused } from '../errors.js';
import { MACHINE_VERSION, sessionMachine, type SessionMachine } from './machine.js';

/** From version n to n+1; add one entry per bump. */
export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, (snapshot: unknown) => unknown>> = {
  // 1 -> 2: each thermotherapy stage keeps its checklist ticks and a shortening. Version 1 recorded
  // neither: no tick is invented (a stage still open must be ticked again) and no stage is marked
  // shortened after the fact.
  1: (snapshot) => {
    const s = snapshot as { context?: { thermo?: Record<string, unknown> } };
    const thermo = s.context?.thermo;
    if (!thermo) return snapshot;
    const stage = (t: unknown) => ({ checks: {}, shortened: null, ...(t as object) });
    return { ...s, context: { ...s.context, thermo: { ...thermo, steam: stage(thermo.steam), massage: stage(thermo.massage) } } };
  },
  // 2 -> 3: the state after the signature is 'signed' (it was 'locked', which now means a locked login).
  2: (snapshot) => {
    const s = snapshot as { value?: unknown };
    return s.value === 'locked' ? { ...s, value: 'signed' } : snapshot;
  },
};

export interface StoredSnapshot {
  machineVersion: number;
  json: string;
}

export function encodeSnapshot(actor: XActor<SessionMachine>): StoredSnapshot {
  return { machineVersion: MACHINE_VERSION, json: JSON.stringify(actor.getPersistedSnapshot()) };
}

/** `current` is a parameter only so tests can exercise a migration path before a second version exists. */
export function upgradeSnapshot(stored: StoredSnapshot, migrations = SNAPSHOT_MIGRATIONS, current = MACHINE_VERSION): unknown {
  let version = stored.machineVersion;
  if (!Number.isInteger(version) || version < 1 || version > current)
    throw refused('conflict', { code: 'session.workflow-version', params: { version, current } }, `the session's saved workflow is version ${version}, unknown to this station (version ${current}); update the station software`);
  let snapshot: unknown = JSON.parse(stored.json);
  while (version < current) {
    const step = migrations[version];
    if (!step) throw refused('conflict', { code: 'session.workflow-version', params: { version, current } }, `the session's saved workflow is version ${version}, and this station has no migration from it to ${current}`);
    snapshot = step(snapshot);
    version++;
  }
  return snapshot;
}

/** A started actor at the stored state. Stop it when done; it runs no timers or children. */
export function restoreActor(stored: StoredSnapshot, sessionId: number, migrations = SNAPSHOT_MIGRATIONS): XActor<SessionMachine> {
  const snapshot = upgradeSnapshot(stored, migrations);
  // The persisted form is opaque to TypeScript; xstate checks it against the machine as it restores.
  // A snapshot that does not fit (an unknown state) leaves the actor in 'error' before start(): check
  // then, and never start it (a started actor in error reports the error asynchronously, uncaught).
  const actor = createActor(sessionMachine, { snapshot: snapshot as Snapshot<unknown>, input: { sessionId } });
  const initial = actor.getSnapshot() as { status: string; error?: unknown };
  if (initial.status === 'error')
    throw refused('internal', { code: 'internal.workflow-unreadable', params: { sessionId } }, `session ${sessionId}: the saved workflow could not be restored (${String((initial.error as Error | undefined)?.message ?? initial.error)})`);
  actor.start();
  return actor;
}

export function newActor(sessionId: number): XActor<SessionMachine> {
  const actor = createActor(sessionMachine, { input: { sessionId } });
  actor.start();
  return actor;
}
