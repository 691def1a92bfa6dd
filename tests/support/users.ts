// Password hashing for tests: a cheap scrypt cost, since tests log in and sign often. The product
// keeps UsersService's default cost; only the cost changes, never what is checked.
import type { UsersOptions } from '../../electron/core/users/service.js';

export const FAST_USERS: UsersOptions = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
