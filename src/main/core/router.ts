/**
 * The one router: every transport hands it a route name and an untrusted input. It parses
 * the input with the route's schema, runs the handler, checks the output, and always
 * answers with the result envelope — nothing thrown ever crosses a transport.
 */
import { randomBytes } from 'node:crypto';
import { fieldLabel } from '@shared/domain/field-labels';
import type { z } from 'zod';
import {
  fail,
  isRouteName,
  ok,
  routes,
  type ApiError,
  type Fail,
  type ParsedInput,
  type Result,
  type RouteName,
  type RouteOutput,
} from '@shared/api';
import { AppError } from './errors';
import { logger } from './log';
import { scrub } from './log/scrub';

const log = logger('router');

/** Who is calling; transports fill it in so handlers can tell callers apart if they must. */
export interface CallContext {
  transport: 'ipc' | 'websocket' | 'in-process';
}

/** One handler per route. A route without a handler is a compile error here. */
export type Handlers = {
  [R in RouteName]: (input: ParsedInput<R>, ctx: CallContext) => Promise<RouteOutput<R>> | RouteOutput<R>;
};

/** The handlers one domain contributes: exactly the routes of its schema file, no more, no fewer. */
export type HandlersFor<DomainRoutes> = Pick<Handlers, Extract<keyof DomainRoutes, RouteName>>;

export type Dispatch = (route: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export function describeIssues(issues: readonly z.core.$ZodIssue[]): ApiError['fields'] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}

const SECRET_FIELD = /(?:^|\.)(?:password|secret|key|token)$/i;

/** "general.dailyBudgetUsd" → "Daily budget usd"; item fields by their labels ("List price"). */
function pathWords(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? path;
  if (last === '(input)') return 'Input';
  const label = fieldLabel(last);
  if (label !== last) return label;
  const words = last
    .replace(/Usd$/, ' (USD)')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[A-Z](?![A-Z)])/g, (c) => c.toLowerCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function toFailure(error: unknown, route: string): Extract<Result<never>, { ok: false }> {
  if (error instanceof AppError) {
    return withRef(
      fail(error.code, error.message, {
        ...(error.hint ? { hint: error.hint } : {}),
        ...(error.fields ? { fields: error.fields } : {}),
      }),
      route,
      error,
    );
  }
  // Unexpected errors are logged in full (redacted by the log's rule) and reach the caller
  // only as a generic message: their text may carry paths, payloads or worse.
  return withRef(
    fail('INTERNAL', `FlipSync hit an unexpected error while running ${route}.`, {
      hint: 'Try again; if it keeps happening, restart FlipSync. Details are in the log.',
    }),
    route,
    error,
  );
}

/** A short reference the seller can quote (8 hex characters); the log line carries the same one. */
export const newRef = () => randomBytes(4).toString('hex');

/** Every failure the seller may see gets a reference and one log line that carries it. */
function withRef(failure: Fail, route: string, error?: unknown): Fail {
  const id = newRef();
  const { code, message, fields } = failure.error;
  const context = { ref: id, route, code, ...(fields ? { fields } : {}) };
  if (code === 'INTERNAL') log.error(`${route} failed`, error, context);
  else log.warn(`${route}: ${message}`, error, context);
  // The same rule as the log's: a secret that reached a message by mistake is not shown either.
  const shown = { ...failure.error, message: scrub(message), id };
  if (failure.error.hint) shown.hint = scrub(failure.error.hint);
  return { ok: false, error: shown };
}

export function createRouter(handlers: Handlers): Dispatch {
  return async (route, input, ctx) => {
    if (typeof route !== 'string' || !isRouteName(route)) {
      return withRef(
        fail('UNKNOWN_ROUTE', `There is no route named ${JSON.stringify(route)}.`),
        String(route).slice(0, 100),
      );
    }
    const def = routes[route];
    try {
      // Inside the try: a schema that throws (a bug) must answer as one, not take down core.
      const parsed = def.input.safeParse(input);
      if (!parsed.success) {
        const fields = describeIssues(parsed.error.issues) ?? [];
        // Said to the seller (the renderer shows it): field names in words, no route names.
        // A secret field's messages name it themselves ("The password contains a tab…"); a
        // "Password: …" prefix would read to the redaction rule as a password's value.
        const list = fields
          .map((f) => (SECRET_FIELD.test(f.path) ? f.message : `${pathWords(f.path)}: ${f.message}`))
          .join('; ');
        const message = `Check ${fields.length === 1 ? 'this value' : 'these values'}: ${list}`;
        return withRef(fail('INVALID_INPUT', message, { fields }), route);
      }
      const handler = handlers[route] as (input: unknown, ctx: CallContext) => unknown;
      const output = await handler(parsed.data, ctx);
      // A handler that answers outside its contract is a bug; catch it here, not in the UI.
      return ok(def.output.parse(output));
    } catch (error) {
      return toFailure(error, route);
    }
  };
}
