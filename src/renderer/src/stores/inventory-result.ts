/** Shared by the inventory stores: every answer is parsed with the contract's schema before use. */
import type { ApiError, Result } from '@shared/api';
import type { z } from 'zod';

export const badShape: ApiError = { code: 'INTERNAL', message: 'The core answered in an unexpected shape.' };

export type Read<T> = { data: T } | { error: ApiError };

export function read<T>(result: Result<unknown>, schema: z.ZodType<T>): Read<T> {
  if (!result.ok) return { error: result.error };
  const parsed = schema.safeParse(result.data);
  return parsed.success ? { data: parsed.data } : { error: badShape };
}

/** The output schema of a route, so stores parse exactly what the contract declares. */
export { routes } from '@shared/api';
