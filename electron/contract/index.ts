// The one contract between the renderer and the core. Each area declares its methods in its own
// file; this file joins them. Method names are "area.verb".
import type { InputOf, MethodSpec, OutputOf } from './define.js';

export const CONTRACT = {
  // ...usersContract, ...patientsContract, ... (each area adds its spread here)
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof CONTRACT;
export type MethodName = keyof Contract;
export type Input<N extends MethodName> = InputOf<Contract[N]>;
export type Output<N extends MethodName> = OutputOf<Contract[N]>;

export type { ContractError, Role } from './define.js';
