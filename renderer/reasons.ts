// The words for what the core sends as codes: refusals and limit problems (Reason, in the catalogue
// area renderer/i18n/messages/reasons as `reason.<code>`), the system actors the audit trail names
// when nobody was signed in, and interruptions. Parameters are formatted for the window's language
// (volumes, depths, durations, dates, zone and fault names) before they go into the message, so a
// Turkish window reads "1.499,6 µL" and "Tepe (vertex)". Tests assert the codes; only the catalogues
// know the prose.
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import type { Reason, ReasonParams } from '../electron/contract/reasons.js';
import { FAULT_NAMES } from '../electron/contract/sessions.js';
import { FieldRefusal } from './api/failure.js';
// Type-only: the api hooks use these words, and I18n.tsx uses the api hooks.
import type { Translate } from './i18n/I18n.js';
import { en, type UiMessageId } from './i18n/messages/index.js';
import { useFormat, type Format } from './i18n/useFormat.js';

/** Parameters that are calendar dates or instants (ISO strings or ms). */
const DATES = new Set(['at', 'recordedAt', 'withdrawnAt', 'earliest', 'expiry', 'latest', 'date', 'last', 'today', 'vial', 'library', 'minDate', 'maxDate']);

/** Parameters a message selects its words by. */
const SELECTORS = new Set(['kind', 'linkCode', 'interruption', 'refused', 'state', 'status', 'phase', 'scope', 'band', 'stage']);

/** One parameter as the message shows it; figures that plurals count stay numbers. */
function formatParam(t: Translate, fmt: Format, key: string, value: ReasonParams[string]): string | number {
  // review.interruption: a count the gun has not said yet.
  if ((value === null || value === undefined) && key === 'missing') return 'none';
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (key.endsWith('Nl')) return fmt.volume(value);
    if (key.endsWith('Um')) return fmt.depth(value);
    if (key.endsWith('Ms')) return fmt.duration(value);
    if (key.endsWith('Seconds')) return fmt.duration(value * 1000);
    if (DATES.has(key)) return fmt.date(value);
    return value;
  }
  if (DATES.has(key)) return fmt.date(value);
  if (key === 'zone') return fmt.zone(value);
  // Chosen among by the message (ICU select keys cannot hold '-'): 'link-lost' -> 'link_lost'.
  if (SELECTORS.has(key)) return value.replaceAll('-', '_');
  if (key === 'fault' && (FAULT_NAMES as readonly string[]).includes(value)) return t(`fault.${value}` as UiMessageId);
  return value;
}

/** A reason in the window's words (pure: tests call it with a catalogue of their choosing). */
export function reasonText(t: Translate, fmt: Format, reason: Reason): string {
  const id = `reason.${reason.code}`;
  // A code this window does not know (a newer station): say the code rather than guess.
  if (!(id in en)) return reason.code;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(reason.params ?? {})) values[k] = formatParam(t, fmt, k, v);
  return t(id as UiMessageId, values);
}

/** What a failed call says: its reason in the window's words; a refusal this window made, as it made it. */
export function errorText(t: Translate, fmt: Format, e: unknown): string {
  if (e instanceof FieldRefusal) return e.message;
  const reason = typeof e === 'object' && e !== null && 'reason' in e ? (e as { reason?: Reason }).reason : undefined;
  if (reason && typeof reason.code === 'string') return reasonText(t, fmt, reason);
  return t('reason.internal.error');
}

export interface ReasonWords {
  reason: (reason: Reason) => string;
  error: (e: unknown) => string;
  actor: (username: string | null) => string;
  interruption: (i: Interruption) => string;
}

/** The window's words for reasons, failed calls, audit actors and interruptions. */
export function useReasonText(): ReasonWords {
  const intl = useIntl();
  const fmt = useFormat();
  const t = useMemo<Translate>(() => (id, values) => intl.formatMessage({ id }, values), [intl]);
  return useMemo(
    () => ({
      reason: (r: Reason) => reasonText(t, fmt, r),
      error: (e: unknown) => errorText(t, fmt, e),
      actor: (u: string | null) => auditActorText(t, u),
      interruption: (i: Interruption) => interruptionText(t, fmt, i),
    }),
    [t, fmt],
  );
}

const SYSTEM_ACTORS: Record<string, UiMessageId> = {
  'station:locked': 'reasons.actor.locked',
  'station:auto-lock': 'reasons.actor.autoLock',
  'station:signed-out': 'reasons.actor.signedOut',
  'station:password-change-pending': 'reasons.actor.passwordChangePending',
  'station:window-closed': 'reasons.actor.windowClosed',
};

/** Who an audit row names: the user, a system actor in words, or the station. */
export function auditActorText(t: Translate, username: string | null): string {
  if (username === null) return t('reasons.actor.station');
  const id = SYSTEM_ACTORS[username];
  return id ? t(id) : username;
}

type Interruption = { kind: string; startedAt: number; endedAt: number | null; recovered: number; missing: number | null };

/** "The station restarted at 10:42; 49 doses were recovered from the gun; none lost." */
export function interruptionText(t: Translate, fmt: Format, i: Interruption): string {
  return t('reasons.interruption', {
    kind: i.kind === 'station-restart' || i.kind === 'link-lost' ? i.kind.replace('-', '_') : 'other',
    started: fmt.time(i.startedAt),
    ended: fmt.time(i.endedAt ?? i.startedAt),
    back: i.endedAt === null ? 'no' : 'yes',
    recovered: i.recovered,
    missing: i.missing === null ? -1 : i.missing,
  });
}
