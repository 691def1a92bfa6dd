// Choosing one of a few: a select (its options as [value, words] pairs, an empty first option that
// says what nothing chosen means) or radio buttons in a fieldset. Nothing is chosen for the user:
// with no value, no radio is checked.
import type { SelectHTMLAttributes } from 'react';

export type Options<V extends string> = readonly (readonly [value: V, words: string])[];

export interface SelectProps<V extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: V | '';
  onChoose: (value: V | '') => void;
  options: Options<V>;
  /** The first option, for no choice ("Choose…", "Any gun", "Not recorded"); absent: one must be chosen. */
  none?: string;
}

export function Select<V extends string>({ value, onChoose, options, none, ...select }: SelectProps<V>) {
  return (
    <select {...select} value={value} onChange={(e) => onChoose(e.target.value as V | '')}>
      {none !== undefined && <option value="">{none}</option>}
      {options.map(([v, words]) => (
        <option key={v} value={v}>
          {words}
        </option>
      ))}
    </select>
  );
}

export interface RadiosProps<V extends string> {
  legend: string;
  /** The group's name (one per group on a page). */
  name: string;
  value: V | null;
  onChoose: (value: V) => void;
  options: Options<V>;
  /** The legend is for screen readers only (a question shown beside the answers). */
  legendClass?: string;
  className?: string;
}

export function Radios<V extends string>({ legend, name, value, onChoose, options, legendClass, className = 'row' }: RadiosProps<V>) {
  return (
    <fieldset className={className}>
      <legend className={legendClass}>{legend}</legend>
      {options.map(([v, words]) => (
        <label key={v} className="check">
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChoose(v)} />
          {words}
        </label>
      ))}
    </fieldset>
  );
}
