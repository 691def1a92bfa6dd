// A check box with its words: the label wraps the box, so the words are its name and a click on them
// ticks it. Never ticked by default: the caller owns `checked`.
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface CheckProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange' | 'children'> {
  checked: boolean;
  onCheck: (checked: boolean) => void;
  /** The words: a whole phrase (a trailing detail, such as the time a tick was recorded, may follow). */
  children: ReactNode;
}

export function Check({ checked, onCheck, children, ...input }: CheckProps) {
  return (
    <label className="check">
      <input type="checkbox" {...input} checked={checked} onChange={(e) => onCheck(e.target.checked)} />
      {children}
    </label>
  );
}

/** A set of ticked values after one box changes: adding or removing one keeps the others. */
export function toggle<T>(all: readonly T[], v: T, on: boolean): T[] {
  return on ? [...all, v] : all.filter((x) => x !== v);
}
