// The core events after which a session on screen is fetched again.
import type { EventName } from '../../electron/contract/api.js';

export const SESSION_EVENTS: readonly EventName[] = ['sessions.event', 'doses.committed'];
