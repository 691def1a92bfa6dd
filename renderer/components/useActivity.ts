// Automatic logoff (HIPAA 164.312(a)(2)(iii)) is decided in the core, which also counts the shots of
// an armed gun as the clinician's activity: this window only tells it that someone is using the
// screen (a key, a touch, the wheel), at most every few seconds, and follows the 'login.locked'
// event the core sends when it locks (after disarming the gun).
import { useEffect } from 'react';
import type { StationApi } from '../../electron/contract/api.js';

/** Often enough for the shortest idle time the settings allow (6 s); rarely enough to cost nothing. */
const REPORT_EVERY_MS = 2_000;

export function useActivity(api: StationApi, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastSent = 0;
    const touch = () => {
      const now = Date.now();
      if (now - lastSent < REPORT_EVERY_MS) return;
      lastSent = now;
      // A refusal ('locked') moves the shell through the api guard; nothing else to do here.
      api.call('auth.activity', {}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [api, active]);
}
