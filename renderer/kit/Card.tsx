// The frames a screen is built of: the screen (its title, its parts stacked under it) and the card (a
// section its heading names, so a screen reader lists it as a region and the e2e tests find it by that
// name). A button beside a title (New serum, Record consent) sits at the title's end.
import type { HTMLAttributes, ReactNode } from 'react';

/** A button beside a title: the screen's or the card's one action that opens something. */
export interface TitleAction {
  label: string;
  onClick: () => void;
  /** A quieter button, for a card inside a screen that has its own main action. */
  secondary?: boolean;
}

function Titled({ heading, action }: { heading: ReactNode; action?: TitleAction | false | null }) {
  if (!action) return <>{heading}</>;
  return (
    <div className="row between">
      {heading}
      <button type="button" className={action.secondary ? 'secondary' : undefined} onClick={action.onClick}>
        {action.label}
      </button>
    </div>
  );
}

export function Screen({ title, action, children }: { title: string; action?: TitleAction | false | null; children?: ReactNode }) {
  return (
    <div className="stack">
      <Titled heading={<h1>{title}</h1>} action={action} />
      {children}
    </div>
  );
}

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title: ReactNode;
  /** The heading's id: the card's name (tests and screenshots find a few cards by it). */
  titleId: string;
  action?: TitleAction | false | null;
  /** A card holding one table: its rows set their own spacing. */
  flat?: boolean;
}

export function Card({ title, titleId, action, flat, children, ...section }: CardProps) {
  return (
    <section className={flat ? 'card' : 'card stack'} aria-labelledby={titleId} {...section}>
      <Titled heading={<h2 id={titleId}>{title}</h2>} action={action} />
      {children}
    </section>
  );
}
