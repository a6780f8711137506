/** Test helper: the `DigestError` code a call throws, or 'no error'. */
import type { DigestError } from '../../lambdas/core/errors.ts';

export function errorCodeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as DigestError).code;
  }
  return 'no error';
}
