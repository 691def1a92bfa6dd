// The route registry is the one table the navigation, the admin-only guard and the screen switch
// derive from; and a screen refreshes only for the events that name what it shows.
import { describe, expect, it } from 'vitest';
import { ROUTES, mayOpen, navEntryOf, navFor, startFor } from '../../../renderer/routes.js';
import { SESSION_MOVES, sessionDosesRefresh, sessionRefresh } from '../../../renderer/session/events.js';
import type { RouteName } from '../../../renderer/navigation.js';

describe('route registry', () => {
  it('gives each role its navigation, in the table order, and its first entry as the start', () => {
    expect(navFor('admin').map((r) => ROUTES[r.name].label)).toEqual(['Session records', 'Review queue', 'Quality', 'Guns', 'Serum library', 'Lots', 'Consent forms', 'Users', 'Audit trail', 'Exports', 'Settings']);
    expect(navFor('clinician').map((r) => ROUTES[r.name].label)).toEqual(['Today', 'New patient']);
    expect(startFor('admin')).toEqual({ name: 'sessions' });
    expect(startFor('clinician')).toEqual({ name: 'home' });
  });
  it('refuses an admin screen to a clinician, and every admin screen is an admin one in the table', () => {
    const names = Object.keys(ROUTES) as RouteName[];
    for (const n of names) {
      expect(mayOpen(n, 'admin'), n).toBe(true);
      expect(mayOpen(n, 'clinician'), n).toBe(ROUTES[n].role !== 'admin');
    }
    expect(mayOpen('exports', 'clinician')).toBe(false);
    expect(mayOpen('patient', 'clinician')).toBe(true);
  });
  it('marks the list as current while one of its records shows', () => {
    expect(navEntryOf('sessionDetail')).toBe('sessions');
    expect(navEntryOf('guns')).toBe('guns');
  });
});

describe('refreshes follow the session an event names', () => {
  const seven = sessionRefresh(7);
  it('a session view refreshes for its own doses and workflow events only', () => {
    expect(seven['doses.committed']!({ sessionIds: [7], records: 3, unattributed: 0 })).toBe(true);
    expect(seven['doses.committed']!({ sessionIds: [8], records: 3, unattributed: 0 })).toBe(false);
    expect(seven['doses.committed']!({ sessionIds: [], records: 1, unattributed: 1 })).toBe(false);
    expect(seven['workflow.event']!({ type: 'session.changed', sessionId: 7, phase: 'mesotherapy', step: 'treating' })).toBe(true);
    expect(seven['workflow.event']!({ type: 'session.changed', sessionId: 8, phase: 'mesotherapy', step: 'treating' })).toBe(false);
    expect(seven['workflow.event']!({ type: 'limit.stop', sessionId: 7, kind: 'soft_stop', scope: 'zone', zone: 'vertex', what: { code: 'limit.soft' } })).toBe(true);
    expect(seven['workflow.event']!({ type: 'gun.stopped', sessionId: null, reason: 'fault', what: { code: 'stop.fault' } })).toBe(true);
    expect(seven['workflow.event']!({ type: 'dose.unattributed', gunSerial: 'G', recordId: 1, deliveredNl: 1, reason: '' })).toBe(false);
  });
  it('the shot timeline refreshes on its session doses; home only when a session moves', () => {
    expect(sessionDosesRefresh(7)['doses.committed']!({ sessionIds: [6, 7], records: 2, unattributed: 0 })).toBe(true);
    expect(sessionDosesRefresh(7)['workflow.event']).toBeUndefined();
    expect(SESSION_MOVES['doses.committed']).toBeUndefined();
    expect(SESSION_MOVES['workflow.event']!({ type: 'session.changed', sessionId: 3, phase: 'review', step: 'review' })).toBe(true);
    expect(SESSION_MOVES['workflow.event']!({ type: 'limit.stop', sessionId: 3, kind: 'hard_stop', scope: 'session', zone: null, what: { code: 'limit.hard' } })).toBe(false);
  });
});
