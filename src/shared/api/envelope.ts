/**
 * The result envelope every route returns, over every transport. Handlers never throw
 * across a transport: the router turns anything thrown into `{ ok: false }`.
 */
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'INVALID_INPUT',
  'UNKNOWN_ROUTE',
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DATA_FOLDER_IN_USE',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
  /** For INVALID_INPUT: each bad field's dotted path and what is wrong with it. */
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** A short reference shown beside the error; the log line about it carries the same one. */
  id: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Ok<T> = { ok: true; data: T };
export type Fail = { ok: false; error: ApiError };
export type Result<T> = Ok<T> | Fail;

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, extra: Omit<ApiError, 'code' | 'message'> = {}): Fail => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Parses anything that claims to be an envelope (what arrives from a transport). */
export const ResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorSchema }),
]);
