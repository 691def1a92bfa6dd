// Automatic logoff (HIPAA 164.312(a)(2)(iii)): after the configured minutes without touch, pointer or
// key input the window asks the core to lock. The core also locks idle sessions on its own clock;
// this only makes the screen follow promptly.
import { useEffect } from 'react';
import type { StationApi } from '../../electron/contract/api.js';

export function useIdleLock(api: StationApi, active: boolean, onLocked: () => void): void {
  useEffect(() => {
    if (!active) return;
    let minutes = 5;
    let last = Date.now();
    let stopped = false;
    api.call('settings.get', {}).then(
      (s) => (minutes = s.autoLockMinutes),
      () => undefined,
    );
    const touch = () => (last = Date.now());
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      if (stopped || Date.now() - last < minutes * 60_000) return;
      stopped = true;
      void api.call('auth.lock', {}).then(onLocked, onLocked);
    }, 5000);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [api, active, onLocked]);
}
