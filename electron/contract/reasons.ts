// Every reason the core can give, as a code: refusals (ContractError.reason), limit problems, stops,
// session warnings and what a review item is. The core sends the code and its parameters; the
// renderer words it in the window's language (renderer/i18n/messages/reasons, one `reason.<code>`
// message per entry here: the type of that catalogue and a unit test keep the two in step). Codes are
// "area.what"; parameters are plain figures and ids (volumes in nL, durations in ms, zones by id,
// dates as ISO strings), formatted by the renderer.
export const REASON_CODES = [
  // Input that does not pass the contract's schema, or a rule on one field; `field` names it.
  'validation.required',
  'validation.empty',
  'validation.too-long', // max
  'validation.too-short', // min
  'validation.too-many', // max
  'validation.too-few', // min
  'validation.at-most', // max
  'validation.below', // max
  'validation.at-least', // min
  'validation.above', // min
  'validation.wrong-type', // expected
  'validation.one-of', // values
  'validation.wrong-format',
  'validation.date-time',
  'validation.multiple-of', // divisor
  'validation.unknown-field',
  'validation.invalid',
  'validation.in-future', // today
  'validation.identifier',
  'validation.unknown-method',
  'validation.phone-format',
  'validation.phone-invalid',
  'validation.not-a-date',
  'validation.date-range', // minDate, maxDate
  'validation.email',
  // Logins, roles and passwords.
  'auth.not-logged-in',
  'auth.station-locked',
  'auth.forbidden', // role
  'auth.must-change-password',
  'auth.must-change-to-sign',
  'auth.wrong-credentials',
  'auth.wrong-password',
  'auth.signature-not-applied',
  'auth.account-disabled',
  'auth.account-locked', // minutes
  'auth.already-set-up',
  'auth.username-taken', // username
  'auth.cannot-disable-self',
  'auth.last-admin',
  'password.too-short', // min
  'password.too-long', // max
  'password.is-username',
  'password.unchanged',
  'approval.not-admin', // username
  // Something named by id that is not there; `kind` says what (a select in the catalogue).
  'lookup.not-found', // kind, id
  'edit.stale', // name, version
  'internal.error',
  'internal.not-saved',
  'internal.no-signature-check',
  'internal.workflow-unreadable', // sessionId
  // Station mode and training.
  'training.only',
  'training.unavailable',
  'training.session-in-progress', // sessionId
  'training.gun-connected',
  'training.no-simulator',
  'station.mode-mismatch', // found, wanted
  // The call itself: the connection, a reply that is no reply, a caller that is not this station's window.
  'station.connection-lost',
  'station.page-refused',
  'station.bad-reply',
  'station.bad-call',
  'station.untrusted-sender',
  // Patients, screening, consent, allergies.
  'patient.inactive',
  'patient.clinic-id-taken', // clinicId
  'patientSheet.too-early',
  'screening.missing',
  'screening.not-confirmed', // recordedAt
  'screening.not-latest', // recordedAt
  'screening.reason-needed',
  'consent.missing',
  'consent.withdrawn', // withdrawnAt
  'consent.outdated', // signedVersion, requiredVersion
  'consent.witness-is-obtainer',
  'consent.form-superseded', // signedVersion, latestVersion
  'consent.already-withdrawn', // withdrawnAt
  'consent.template-exists', // language
  'consent.template-fixed',
  'consent.template-changed', // version
  'allergy.already-recorded', // name
  // Intervals between sessions, and the intake's warnings.
  'interval.too-early', // earliest, daysSinceLast, minDays
  'interval.under-serum-minimum', // serum, minDays, daysSinceLast
  'interval.approval-needed', // serum, minDays, daysSinceLast
  'intake.course-complete',
  'intake.course-overdue', // latest, daysSinceLast
  'intake.over-serum-maximum', // serum, maxDays, daysSinceLast
  'intake.went-ahead-early', // reason
  'intake.approved-under-minimum', // username, serum, minDays, daysSinceLast
  'intake.screening-reviewed', // contraindications
  // The serum library, lots and governance.
  'serum.example-unapproved', // serum
  'serum.allergen', // allergy, allergen, serum
  'serum.anaesthetic-allergy', // serum
  'serum.contraindicated', // contraindication, serum
  'serum.not-example', // serum
  'serum.already-approved', // serum, at
  'serum.retired', // serum
  'serum.superseded', // serum, version
  'serum.unknown-version', // field, serum, version
  'serum.already-retired', // serum, at
  'serum.draft-outdated', // serum, latestVersion, baseVersion
  'serum.draft-open', // serum, draftedBy
  'serum.draft-unchanged', // serum
  'serum.draft-closed', // state, by
  'serum.drafter-cannot-approve', // name
  'serum.name-taken', // name
  'lot.expired', // lot, expiry
  'lot.quarantined', // lot, reason
  'lot.recalled', // lot, reason
  'lot.other-serum', // lot, serum
  'lot.already-received', // lot, serum
  'lot.recall-final', // lot
  'lot.status-unchanged', // lot, status
  'lot.not-in-library', // lot, serum
  'lot.expiry-mismatch', // lot, vial, library
  // Plans for a session's zone targets.
  'plan.from-session', // date
  'plan.from-template', // template
  'plan.from-serum', // serum
  'plan.no-last-session',
  'plan.no-serum',
  'plan.target-needs-reason', // zone, targetNl, limitNl, serum
  'plan.target-over-hard', // zone, targetNl, limitNl, serum
  'plan.total-over-hard', // totalNl, limitNl, serum
  'plan.profile-outside-hard', // serum, field
  // The clinical session's workflow.
  'session.step-not-now', // action, phase
  'session.in-progress', // sessionId, phase
  'session.open-unreadable', // sessionId
  'session.course-not-running', // courseId
  'session.closed', // sessionId, status
  'session.still-open', // sessionId, phase
  'session.workflow-version', // version, current
  'session.sign-by-performer', // clinician
  'session.records-unconfirmed',
  'session.records-missing', // count
  'session.reviewer-is-self',
  'session.nothing-to-prepare',
  'session.profile-before-priming',
  'session.serum-clears-profile',
  'session.serum-first',
  'session.zone-first',
  'session.ledger-failed',
  'session.limits-unavailable',
  'session.no-soft-limit', // scope, zone
  'thermo.too-early', // stage, givenMs, plannedMs
  'thermo.checklist-incomplete', // stage, missing
  'thermo.not-early',
  'thermo.not-on-checklist', // item, stage
  // Dose profiles against the serum's and the gun's limits.
  'profile.split', // split
  'profile.mode-not-allowed', // mode, serum
  'profile.dose-outside', // band, doseNl, minNl, maxNl, serum
  'profile.depth-outside', // band, depthUm, minUm, maxUm, serum
  'profile.outside-gun', // field
  // Volume limits: the next shot would pass a zone's or the session's limit.
  'limit.hard', // scope, zone, totalNl, limitNl, doseNl, pendingNl, pendingRecords
  'limit.soft', // scope, zone, totalNl, limitNl, pendingNl, pendingRecords
  'limit.unavailable',
  'limit.check-failed',
  'limit.budget-below-shot', // budgetNl
  // The gun.
  'gun.not-connected',
  'gun.other-gun', // serial, expected
  'gun.profile-lost',
  'gun.no-answer',
  'gun.already-armed',
  'gun.did-not-arm', // linkCode, nak
  'gun.arm-unconfirmed',
  'gun.profile-refused', // linkCode
  'gun.profile-echo-mismatch',
  'gun.profile-resend-failed', // linkCode
  'gun.link', // linkCode, field
  'gun.simulated-on-clinical',
  'gun.real-in-training',
  'gun.unknown-serial', // serial
  // Why the gun stopped (the gun.stopped event and the record).
  'stop.commit-failed', // disarmFailed
  'stop.fault', // fault
  'stop.budget', // then a limit.* reason's params
  // Exports.
  'export.no-output',
  'export.lot-needed',
  'export.folder-not-absolute',
  'export.folder-missing', // folder
  'export.too-many-pdfs', // sessions, max
  'export.job-unknown',
  'export.failed',
  // An export's warnings (the job on the admin screen; the manifest words them in English for tools).
  'export.training-database',
  'export.workflow-unreadable', // sessionId, detail
  // The review queue: what each item is, and its refusals.
  'review.hard-stop', // scope, zone, totalNl, limitNl
  'review.near-miss', // refused, scope, zone
  'review.thermo-skipped',
  'review.thermo-shortened', // stage, givenSeconds, plannedSeconds
  'review.interruption', // interruption, recovered, missing
  'review.unattributed', // gunSerial, recordId, deliveredNl
  'review.no-item', // itemId
  'review.already-reviewed', // by, at
  'attribution.already-in-session', // sessionId
  'attribution.already-assigned', // by, sessionId
  'attribution.other-gun', // sessionId, gunSerial
  'attribution.before-session', // sessionId
  // Coded reasons admins maintain.
  'reason-code.unknown', // code
  'reason-code.retired', // code
  'reason-code.wrong-use', // code
  'reason-code.text-required',
  'reason-code.exists', // code
  'reason-code.unchanged', // code
  'reason-code.already-retired', // code
  'reason-code.not-retired', // code
  // Words recorded before reasons were codes (old limit details, old warnings): shown as stored.
  'recorded.text', // text
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParams = Record<string, string | number | boolean | null>;

/**
 * Why something was refused or happened, as a code and its parameters: the renderer words it in the
 * user's language; tests assert the code, never the prose.
 */
export interface Reason {
  code: ReasonCode;
  params?: ReasonParams;
}

/** Text stored before its reason was a code, carried as it is (the renderer shows it unchanged). */
export function recordedText(text: string): Reason {
  return { code: 'recorded.text', params: { text } };
}
