// A modal dialog: focus moves into it, Escape closes it (unless it must be answered), the rest of the
// page is inert behind it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  tone?: 'normal' | 'warn' | 'danger';
  onClose?: () => void;
  children: ReactNode;
}

export function Modal({ title, tone = 'normal', onClose, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    const first = el?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && onClose) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-back">
      <div ref={ref} className={`modal stack ${tone === 'normal' ? '' : tone}`} role={tone === 'normal' ? 'dialog' : 'alertdialog'} aria-modal="true" aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
