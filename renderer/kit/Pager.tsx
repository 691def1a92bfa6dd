// Newer and Older: a list shown a page at a time, newest first (sessions, review items, a drill's
// records). The row around the buttons, and what it says of the range, are the list's own.
export interface PagerProps {
  /** The first row shown, counted from 0. */
  offset: number;
  /** Rows a page. */
  size: number;
  /** Rows in the whole list. */
  total: number;
  onOffset: (offset: number) => void;
  /** The buttons' words, from the list's own catalogue. */
  words: { newer: string; older: string };
}

export function Pager({ offset, size, total, onOffset, words }: PagerProps) {
  const { newer, older } = words;
  return (
    <>
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - size))}>
        {newer}
      </button>
      <button type="button" className="secondary" disabled={offset + size >= total} onClick={() => onOffset(offset + size)}>
        {older}
      </button>
    </>
  );
}
