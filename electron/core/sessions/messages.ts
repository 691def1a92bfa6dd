// Words for a refused workflow step: what was tried, the phase the session is in, and what it needs,
// so the clinician knows which step comes first.
import type { Phase } from '../../contract/sessions.js';
import { CoreError, refused } from '../errors.js';
import type { SessionEventType } from './machine.js';

const WHAT: Record<SessionEventType | 'ackSoftLimit', [string, string]> = {
  INTAKE_DONE: ['completing intake', 'the intake phase'],
  THERMO_START: ['starting a thermotherapy stage', 'the thermotherapy phase, stages in order (steam, then massage)'],
  THERMO_PAUSE: ['pausing a thermotherapy timer', 'a running thermotherapy stage'],
  THERMO_RESUME: ['resuming a thermotherapy timer', 'a paused thermotherapy stage'],
  THERMO_CHECK: ['ticking the thermotherapy checklist', 'that stage of the thermotherapy phase'],
  THERMO_COMPLETE: ['completing a thermotherapy stage', 'that stage started in the thermotherapy phase'],
  THERMO_SKIP: ['skipping thermotherapy', 'the thermotherapy phase'],
  SERUM_CHOSEN: ['choosing the serum', 'the preparation phase'],
  ZONE_TARGETS: ['setting zone targets', 'the preparation or mesotherapy phase'],
  NEEDLE_CONFIRMED: ['confirming the new needle', 'the preparation phase'],
  PROFILE_SET: ['setting the dose profile', 'the preparation phase, or mesotherapy with the gun disarmed'],
  PRIMED: ['confirming priming', 'the preparation phase'],
  ZONE_SELECTED: ['choosing a zone', 'the mesotherapy phase with the gun disarmed'],
  ARMED: ['arming the gun', 'the mesotherapy phase (with a zone chosen and the profile set)'],
  DISARMED: ['disarming', 'the mesotherapy phase'],
  MESO_FINISHED: ['finishing mesotherapy', 'the mesotherapy phase'],
  CLOSING_DONE: ['closing care', 'the mesotherapy or closing phase'],
  SIGNED: ['signing', 'the review phase (after closing care)'],
  ABORT: ['aborting', 'an open session with the gun disarmed'],
  ackSoftLimit: ['acknowledging a soft limit', 'the mesotherapy phase'],
};

export function blockedFor(what: SessionEventType | 'ackSoftLimit', sessionId: number, phase: Phase, step: string, needs?: string): CoreError {
  const [action, requirement] = WHAT[what];
  const where = step ? `${phase} phase (${step})` : `${phase} phase`;
  return refused('blocked', { code: 'session.step-not-now', params: { action: what, phase } }, `${action} is not possible now: session ${sessionId} is in the ${where}; it needs ${needs ?? requirement}`);
}
