import { fail, ResultSchema, type Result } from '@shared/api';

/** Anything that crosses a process boundary is checked before the app trusts its shape. */
export function asResult(raw: unknown): Result<unknown> {
  const parsed = ResultSchema.safeParse(raw);
  return parsed.success ? parsed.data : fail('INTERNAL', 'The core answered with something that is not a result.');
}
