// The migrations' helpers splice table and column names into SQL; a name is let through only once it
// is a plain lower-case SQL name, so a typo cannot turn into a different statement.
const PLAIN_NAME = /^[a-z][a-z0-9_]*$/;

/** `name`, once it is known to be a plain SQL name; `what` says which kind of name, for the refusal. */
export function sqlName(name: string, what: 'table name' | 'column name' | 'column prefix'): string {
  if (!PLAIN_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a ${what}`);
  return name;
}
