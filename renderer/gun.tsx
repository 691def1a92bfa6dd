// The gun as every screen sees it: fetched once (gun.status, public) and kept current by the core's
// 'gun.changed' events. One subscription for the whole window, shared through a context.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { StationApi } from '../electron/contract/api.js';
import type { GunView } from '../electron/contract/gun.js';

const GunContext = createContext<GunView | null>(null);

/** `online` false (the station connection is down): nothing is known about the gun, so null. */
export function GunProvider({ api, online, children }: { api: StationApi; online: boolean; children: ReactNode }) {
  const [gun, setGun] = useState<GunView | null>(null);
  useEffect(() => {
    if (!online) {
      setGun(null);
      return;
    }
    let live = true;
    const off = api.on('gun.changed', (g) => live && setGun(g));
    api.call('gun.status', {}).then(
      (g) => live && setGun(g),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [api, online]);
  return <GunContext.Provider value={gun}>{children}</GunContext.Provider>;
}

export function useGun(): GunView | null {
  return useContext(GunContext);
}

/** The gun can be armed: paired, authenticated and synced. */
export function gunUsable(g: GunView | null): boolean {
  return g?.linkState === 'ready';
}

/** Asks the gun to show a fresh pairing code (admins only). */
export function beginPairing(api: StationApi): Promise<GunView> {
  return api.call('gun.beginPairing', {});
}

/** Completes pairing with the 6 digits the gun shows. */
export function pairGun(api: StationApi, code: string): Promise<GunView> {
  return api.call('gun.pair', { code });
}
