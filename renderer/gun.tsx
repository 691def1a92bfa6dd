// The gun as every screen sees it: fetched once (gun.status, public) and kept current by the core's
// 'gun.changed' events. One subscription for the whole window, shared through a context.
//
// The trigger is said honestly (contract/gun.ts TriggerState): the core's word holds only while it
// is fresh. When this window loses the station, or the STATUS stream stops, the last word is no
// longer known: a gun last seen armed "may still be armed" until its own watchdog has run out, and
// nothing is ever shown as disarmed without a fresh STATUS saying so.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StationApi } from '../electron/contract/api.js';
import { triggerAfterLoss, type GunView, type TriggerState, type TriggerView } from '../electron/contract/gun.js';

/** The gun sends STATUS twice a second: three missed (plus the watchdog's second) and it is stale. */
const STALE_AFTER_MS = 1_500;

interface GunState {
  /** The core's view while this window is connected to the station; null otherwise. */
  view: GunView | null;
  trigger: TriggerView | null;
}

const GunContext = createContext<GunState>({ view: null, trigger: null });

/**
 * The trigger as this window can vouch for it now: the core's view while it is fresh; otherwise the
 * last one seen, aged by the shared rule (`triggerAfterLoss`). `lostAt`: when this window lost the
 * station (null while connected).
 */
export function triggerNow(last: { view: GunView; at: number } | null, lostAt: number | null, now: number): TriggerView | null {
  if (!last) return null;
  const t = last.view.trigger;
  if (lostAt !== null) return { ...t, statusAt: null, ...triggerAfterLoss(t.state, lostAt, now, t.watchdogMs) };
  // The core speaks whenever the link changes; only a running link's STATUS stream can go quiet.
  if (last.view.linkState !== 'ready' || now - last.at <= STALE_AFTER_MS) return t;
  // The station is there but says nothing: it may be stuck, so no watchdog deadline is claimed.
  const state: TriggerState = t.state === 'armed' || t.state === 'may-be-armed' ? 'may-be-armed' : 'unknown';
  return { ...t, state, lostArmedAt: null, watchdogDeadline: null };
}

/** `online` false: the connection to the station is down, so what the core said is no longer known. */
export function GunProvider({ api, online, children }: { api: StationApi; online: boolean; children: ReactNode }) {
  const [gun, setGun] = useState<GunView | null>(null);
  const last = useRef<{ view: GunView; at: number } | null>(null);
  const [lostAt, setLostAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!online) {
      setGun(null);
      setLostAt((l) => l ?? Date.now());
      return;
    }
    let live = true;
    const seen = (g: GunView) => {
      if (!live) return;
      last.current = { view: g, at: Date.now() };
      setLostAt(null);
      setGun(g);
    };
    const off = api.on('gun.changed', seen);
    api.call('gun.status', {}).then(seen, () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api, online]);

  // Age the last word: a few times a second, so "may still be armed" turns on and off on time.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);

  const trigger = triggerNow(last.current, online ? null : lostAt, now);
  // A new value only when something changed, so the 250 ms ageing does not re-render every screen.
  const key = JSON.stringify(trigger);
  const value = useMemo(() => ({ view: gun, trigger: JSON.parse(key) as TriggerView | null }), [gun, key]);
  return <GunContext.Provider value={value}>{children}</GunContext.Provider>;
}

export function useGun(): GunView | null {
  return useContext(GunContext).view;
}

/** What this window can say about the trigger now (null before the station has said anything). */
export function useTrigger(): TriggerView | null {
  return useContext(GunContext).trigger;
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
