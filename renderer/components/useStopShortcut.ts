// Space or Escape stops the gun from every screen while the stop control is shown (the gun armed).
// - Escape stops wherever focus is, a text field or a dialog included. A dialog then gets its own
//   Escape as well, so a closable dialog closes: one press means "stop, and out of my way"; a dialog
//   that must be answered stays open.
// - Space stops unless focus is in a field that takes typed text, where Space types a space. On a
//   button, a checkbox or a map zone it stops instead of pressing that control: while the gun is
//   armed, Space means stop, and nothing else happens with it.
// Listened to on window in the capture phase, before any screen's own keys; auto-repeats are ignored.
// More than one part of the screen may know the gun is armed (the gun bar from the gun's STATUS, the
// mesotherapy screen from the session at once): each registers, and a key press stops once.
import { useEffect } from 'react';
import { useLatest } from './useLatest.js';

/** Key presses one registration has already turned into a stop. */
const handled = new WeakSet<KeyboardEvent>();

const TYPES_TEXT = new Set(['text', 'password', 'search', 'email', 'number', 'tel', 'url']);

/** Focus is in a field where a space is a character. */
export function takesTypedText(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && TYPES_TEXT.has(el.type);
}

export function useStopShortcut(active: boolean, stop: () => void): void {
  const stopRef = useLatest(stop);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        if (!e.repeat && !handled.has(e)) stopRef.current();
        handled.add(e);
        return; // and on to the dialog, which closes if it may
      }
      if (e.key === ' ' && !takesTypedText(e.target) && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat && !handled.has(e)) stopRef.current();
        handled.add(e);
      }
    };
    // Space's default on a button is a click on keyup: swallowed too, so the button is not pressed.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && !takesTypedText(e.target)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, [active]);
}
