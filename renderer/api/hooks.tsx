// React access to the StationApi: a context, a loader hook that refetches when an event concerns what
// it shows, and an action hook that tracks busy/failure for a button.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventName, StationApi, StationEvents } from '../../electron/contract/api.js';
import type { Input, MethodName, Output } from '../../electron/contract/index.js';
import { useReasonText } from '../reasons.js';
import { failureOf, type Failure } from './failure.js';

const ApiContext = createContext<StationApi | null>(null);

export function ApiProvider({ api, children }: { api: StationApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/**
 * When a loaded view is fetched again: per event, whether this payload concerns it. An event left
 * out never refreshes; `() => true` refreshes on every one. A batch of doses for one session must
 * not make every window re-fetch every session it shows (session/events.ts builds these).
 */
export type Refresh = { readonly [E in EventName]?: (payload: StationEvents[E]) => boolean };

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Fetch again (after an action of this window); coalesced with a fetch already under way. */
  reload: () => void;
}

/**
 * Calls `method` with `input` (compared by JSON), and again whenever an event of `refresh` concerns
 * it. Pass input `null` to skip the call. Refreshes never pile up: while one fetch is under way, any
 * number of further reasons to refresh make exactly one more fetch when it ends, so a burst of dose
 * batches costs two fetches, not one per batch.
 */
export function useLoad<N extends MethodName>(method: N, input: Input<N> | null, refresh?: Refresh): Loaded<Output<N>> {
  const api = useApi();
  const words = useReasonText().error;
  const [data, setData] = useState<Output<N>>();
  // The failure as it came: worded at render, so a language switch rewords it.
  const [failed, setFailed] = useState<{ e: unknown } | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const seq = useRef(0);
  const inFlight = useRef(false);
  const again = useRef(false);
  const reload = useCallback(() => {
    if (inFlight.current) again.current = true;
    else setTick((t) => t + 1);
  }, []);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    inFlight.current = true;
    again.current = false;
    setLoading(true);
    const settle = (apply: () => void) => {
      if (mine !== seq.current) return;
      apply();
      setLoading(false);
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        setTick((t) => t + 1);
      }
    };
    // Loading and refreshing a screen is not a person acting: passive, so it never holds off auto-lock.
    api.call(method, JSON.parse(key) as Input<N>, { passive: true }).then(
      (r) =>
        settle(() => {
          setData(r);
          setFailed(null);
        }),
      (e: unknown) => settle(() => setFailed({ e })),
    );
  }, [api, method, key, tick]);

  // The latest predicates, without re-subscribing on every render (callers build them inline).
  const concerns = useRef(refresh);
  concerns.current = refresh;
  const events = Object.keys(refresh ?? {}).sort().join(',');
  useEffect(() => (events ? subscribeRefresh(api, events.split(',') as EventName[], () => concerns.current, reload) : undefined), [api, events, reload]);

  const error = failed ? failureOf(failed.e, words).message : null;
  return { data, error, loading, reload };
}

/**
 * Subscribes to `events` and calls `reload` for each payload the current `refresh` says concerns the
 * view (read at each event, so a caller's inline predicates need no re-subscription). Returns the
 * unsubscribe function. useLoad's subscription, kept apart so it can be tested without a DOM.
 */
export function subscribeRefresh(api: Pick<StationApi, 'on'>, events: readonly EventName[], refresh: () => Refresh | undefined, reload: () => void): () => void {
  const offs = events.map((ev) =>
    api.on(ev, (payload) => {
      const test = refresh()?.[ev] as ((p: typeof payload) => boolean) | undefined;
      if (test?.(payload)) reload();
    }),
  );
  return () => offs.forEach((off) => off());
}

/** Runs one action at a time; keeps its failure (and the field it names) for display. */
export function useAction() {
  const words = useReasonText().error;
  const [busy, setBusy] = useState(false);
  // The failure as it came (worded at render, so a language switch rewords it), or a window's own words.
  const [failed, setFailed] = useState<{ e: unknown } | Failure | null>(null);
  /** A refusal this window makes itself (not a call's): shown like the core's, naming no field. */
  const setError = useCallback((message: string | null) => setFailed(message === null ? null : { message, field: null }), []);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFailed(null);
    try {
      return await fn();
    } catch (e) {
      setFailed({ e });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  // Memoised: a Field puts away the refusal it shows once its value is typed over, by identity, so
  // the same failure must stay the same object from one render to the next.
  const failure = useMemo<Failure | null>(() => (failed === null ? null : 'e' in failed ? failureOf(failed.e, words) : failed), [failed, words]);
  return { busy, error: failure?.message ?? null, failure, setError, run };
}

export type Action = ReturnType<typeof useAction>;
