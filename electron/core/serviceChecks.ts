// The checks every area's service shares: input parsed by its contract schema, the caller's role, an
// admin's change with its audit in one transaction, a stale edit refused. The contract's zod schemas
// are the one place inputs are described; services parse again so a direct call from another core
// module (the session workflow) is held to the same rules as a call through the dispatcher.
import type { z } from 'zod';
import type { Actor } from './access/actor.js';
import type { Reason } from '../contract/reasons.js';
import { atomically } from './audit/atomically.js';
import { CoreError, refused } from './errors.js';
import type { Db } from './storage/db.js';
import { validationError } from './validation.js';

/** Parses input or throws CoreError('validation') naming the offending field (as the dispatcher does). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, input);
  return result.data;
}

/** A rule the schema cannot state (it needs the clock or the database), broken by one field. */
export function fieldError(field: string, reason: Reason, message: string): CoreError {
  return refused('validation', { ...reason, params: { field, ...reason.params } }, `${field}: ${message}`, field);
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw refused('unauthenticated', { code: 'auth.not-logged-in' }, 'log in first');
  return actor;
}

/** Defence in depth: the dispatcher checks the contract's roles, the service checks again. */
export function requireAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (a.role !== 'admin') throw refused('forbidden', { code: 'auth.forbidden', params: { role: a.role } }, `a ${a.role} may not do this (admins only)`);
  return a;
}

/**
 * An admin's change to one of the station's lists (serums, lots, templates, reason codes): the role
 * checked again, the input parsed by its contract schema, then the change and its audit rows in one
 * transaction (atomically: a savepoint when already inside one).
 */
export function adminChange<S extends z.ZodType, T>(db: Db, actor: Actor | null, schema: S, input: unknown, change: (admin: Actor, parsed: z.output<S>) => T): T {
  const admin = requireAdmin(actor);
  const parsed = parseInput(schema, input);
  return atomically(db, () => change(admin, parsed));
}

/** An edit made on an older version than the latest is refused: someone else changed it first. */
export function checkEditedVersion(latest: { name: string; version: number }, editedVersion: number | undefined): void {
  if (editedVersion !== undefined && editedVersion !== latest.version)
    throw refused('conflict', { code: 'edit.stale', params: { name: latest.name, version: latest.version } }, `${latest.name} is now at version ${latest.version}; reload it before editing.`);
}
