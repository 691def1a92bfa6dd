// Where a failed action's message appears: under the Field it names (the core's ContractError.field,
// or this window's FieldRefusal), else in the form's alert. Fields claim their contract names here,
// so a message is shown once, next to what is wrong.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Failure } from '../api/failure.js';

interface Scope {
  failure: Failure | null;
  /** A Field owns this contract name while it is mounted; returns the release. */
  claim: (field: string) => () => void;
  claimed: (field: string) => boolean;
}

const ScopeContext = createContext<Scope | null>(null);

export function FailureScope({ failure, children }: { failure: Failure | null; children: ReactNode }) {
  // State, not a ref: a Field that appears with the failure that names it (a reason asked for only
  // once the core refused without it) claims it after the form's alert rendered, and the alert must
  // then step back, or the message would be said twice.
  const [owners, setOwners] = useState<ReadonlyMap<string, number>>(() => new Map());
  const claim = useCallback((field: string) => {
    setOwners((m) => new Map(m).set(field, (m.get(field) ?? 0) + 1));
    return () =>
      setOwners((m) => {
        const next = new Map(m);
        const n = (m.get(field) ?? 1) - 1;
        if (n <= 0) next.delete(field);
        else next.set(field, n);
        return next;
      });
  }, []);
  const claimed = useCallback((field: string) => owners.has(field), [owners]);
  const value = useMemo(() => ({ failure, claim, claimed }), [failure, claim, claimed]);
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useFailureScope(): Scope | null {
  return useContext(ScopeContext);
}

/**
 * The failure no Field shows: the form's own alert. Outside a scope, pass the message directly
 * (`<FormAlert message={error} />`).
 */
export function FormAlert({ message, id }: { message?: string | null; id?: string }) {
  const scope = useFailureScope();
  const f = scope?.failure;
  const text = message !== undefined ? message : f && !(f.field && scope.claimed(f.field)) ? f.message : null;
  if (!text) return null;
  return (
    <p className="error" role="alert" id={id}>
      {text}
    </p>
  );
}
