// React access to the StationApi: a context, a loader hook that refetches on events, and an action
// hook that tracks busy/error for a button.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { EventName, StationApi } from '../../electron/contract/api.js';
import type { Input, MethodName, Output } from '../../electron/contract/index.js';
import { errorText } from '../reasons.js';

const ApiContext = createContext<StationApi | null>(null);

export function ApiProvider({ api, children }: { api: StationApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StationApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls `method` with `input` (compared by JSON) and again whenever one of `refreshOn` fires.
 * Pass input `null` to skip the call.
 */
export function useLoad<N extends MethodName>(method: N, input: Input<N> | null, refreshOn: readonly EventName[] = []): Loaded<Output<N>> {
  const api = useApi();
  const [data, setData] = useState<Output<N>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const seq = useRef(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    setLoading(true);
    // Loading and refreshing a screen is not a person acting: passive, so it never holds off auto-lock.
    api.call(method, JSON.parse(key) as Input<N>, { passive: true }).then(
      (r) => {
        if (mine !== seq.current) return;
        setData(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(errorText(e));
        setLoading(false);
      },
    );
  }, [api, method, key, tick]);

  const events = refreshOn.join(',');
  useEffect(() => {
    if (!events) return;
    const offs = events.split(',').map((ev) => api.on(ev as EventName, reload));
    return () => offs.forEach((off) => off());
  }, [api, events, reload]);

  return { data, error, loading, reload };
}

/** Runs one action at a time; keeps its error for display. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
