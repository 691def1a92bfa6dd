// Why a station refused to start. Thrown before any window opens; the hosts print the message (three
// lines at most, no stack) and exit. The code and params are for tests and for a host that words it
// itself; the message is written for the person at the terminal or the dialog.
export type StartRefusalCode =
  /** The database is encrypted but the key store holds no key for it. */
  | 'database-key-missing'
  /** The key store holds a key, but it does not open the database. */
  | 'database-key-wrong'
  /** A key file is there but cannot be read (damaged, or sealed by another machine or account). */
  | 'key-unreadable'
  /** The audit trail has rows, but the key store holds no audit key: a new key would hide any edit. */
  | 'audit-key-missing'
  /** The pseudonym secret is gone from the key store after it was moved there. */
  | 'pseudonym-secret-missing'
  /** An unencrypted database was found: encrypting it needs the user's choice about the plain copy. */
  | 'plain-database-needs-choice'
  /** The database holds fewer audit rows than the key store's checkpoint: it was rolled back. */
  | 'database-rolled-back'
  /** The key folder is inside the data folder, where it would travel with every copy of the data. */
  | 'key-folder-inside-data';

export class StartRefusal extends Error {
  constructor(
    readonly code: StartRefusalCode,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'StartRefusal';
  }
}
