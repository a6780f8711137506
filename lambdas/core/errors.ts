/** Domain errors with a stable code: the shell stores them as failure records instead of crashing. */
import type { ErrorCode } from './schema.ts';

/** An article that cannot be digested, for a reason the user can act on. */
export class DigestError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DigestError';
    this.code = code;
  }
}
