// Turning what the core throws into the ContractError that crosses a transport (IPC or WebSocket).
import type { ContractError } from '../contract/index.js';
import { CoreError } from '../core/errors.js';

export function toContractError(e: unknown): ContractError {
  if (e instanceof CoreError) return e.toJSON();
  return { code: 'internal', message: 'something went wrong in the station; the action was not completed', reason: { code: 'internal.error' } };
}
