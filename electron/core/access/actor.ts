export const ROLES = ['clinician', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from a login by the dispatcher, never taken from the caller's input. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
}
