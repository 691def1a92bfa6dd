// Where keyboard focus goes when the screen changes under it: never to <body>, where a keyboard or
// switch user would have to start over from the top of the page.
import { useEffect, useRef } from 'react';

/** Marks the control a screen is for (the skip link's target): add `data-main-control=""`. */
export const MAIN_CONTROL = '[data-main-control]';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The screen's main control, else its phase heading, else the first control in <main>, else <main>. */
export function focusMainControl(): boolean {
  const main = document.querySelector<HTMLElement>('main');
  const candidates = [
    document.querySelector<HTMLElement>(`${MAIN_CONTROL}:not([disabled])`),
    document.querySelector<HTMLElement>('[data-phase-focus]'),
    main?.querySelector<HTMLElement>(FOCUSABLE) ?? null,
    main,
  ];
  for (const el of candidates) {
    if (!el || el.closest('[inert]')) continue;
    el.focus();
    if (document.activeElement === el) return true;
  }
  return false;
}

/** Focusable elements inside `root`, in tab order (visible ones only). */
export function focusablesIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'));
}

/**
 * Focuses the element marked `data-phase-focus` (a heading with tabIndex -1) whenever `key` changes:
 * each phase of a session, and each step inside one, starts with focus on its heading, which a
 * screen reader then reads out.
 */
export function useFocusOnChange(key: string, root: React.RefObject<HTMLElement | null>): void {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!key || key === last.current) return;
    last.current = key;
    const el = root.current?.querySelector<HTMLElement>('[data-phase-focus]');
    el?.focus({ preventScroll: false });
  }, [key, root]);
}

/** The screen's scroller back to the top (the content pane, or on a narrow screen the whole main area). */
export function scrollMainToTop(): void {
  document.querySelector('.content')?.scrollTo(0, 0);
  document.querySelector('.app-main')?.scrollTo(0, 0);
}
