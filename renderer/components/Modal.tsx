// A modal dialog: focus moves into it and is held there (Tab and Shift+Tab cycle inside), Escape
// closes it (unless it must be answered), and focus returns to where it was when it closes. The gun
// bar stays above the backdrop, so the stop is never hidden behind a dialog (styles.css), and Space
// or Escape still stop the gun from inside one (useStopShortcut).
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { focusMainControl, focusablesIn } from './focus.js';
import { useLatest } from './useLatest.js';

interface Props {
  title: string;
  tone?: 'normal' | 'warn' | 'danger';
  onClose?: () => void;
  children: ReactNode;
}

export function Modal({ title, tone = 'normal', onClose, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The latest onClose, without re-running the effect below: a parent that re-renders (a running
  // timer) must not pull focus back to the first field while someone types in another.
  const onCloseRef = useLatest(onClose);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    (focusablesIn(el)[0] ?? el).focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        onCloseRef.current?.();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusablesIn(el);
      if (items.length === 0) {
        e.preventDefault();
        el.focus();
        return;
      }
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const inside = el.contains(document.activeElement);
      if (e.shiftKey && (!inside || document.activeElement === first || document.activeElement === el)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
        e.preventDefault();
        first.focus();
      }
    };
    // Focus that lands outside (a click through, a script) is brought back in.
    const onFocusIn = (e: FocusEvent) => {
      if (e.target instanceof Node && !el.contains(e.target) && !(e.target instanceof Element && e.target.closest('.gunbar'))) (focusablesIn(el)[0] ?? el).focus();
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      // Back to the control that opened the dialog, if it is still there (the dialog itself is gone
      // from the page by now, so focus is on <body> unless something else took it).
      if (document.activeElement !== document.body && document.activeElement !== null) return;
      if (before?.isConnected && !before.closest('[inert]')) before.focus();
      else focusMainControl();
    };
  }, []);

  return (
    <div className="modal-back">
      <div ref={ref} tabIndex={-1} className={`modal stack ${tone === 'normal' ? '' : tone}`} role={tone === 'normal' ? 'dialog' : 'alertdialog'} aria-modal="true" aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
