// The latest value of a callback, for an effect that runs once (a key listener, a chart's click
// handlers) and must still call what the parent passes now, not what it passed on the first render.
import { useRef, type MutableRefObject } from 'react';

export function useLatest<T>(value: T): MutableRefObject<T> {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
