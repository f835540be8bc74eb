import type { Core } from '../../../src/main/core/core';
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/api';
import { inProcess } from '../../support/core';

/** Calls a route through the real router; throws the error envelope so tests read plainly. */
export async function call<R extends RouteName>(core: Core, route: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  const result = await core.dispatch(route, input, inProcess);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.data as RouteOutput<R>;
}

/** Calls a route and returns the error envelope it must answer with. */
export async function callFails(core: Core, route: RouteName, input: unknown) {
  const result = await core.dispatch(route, input, inProcess);
  if (result.ok) throw new Error(`${route} was expected to fail but answered ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Waits until a condition holds (feeds are asynchronous), failing after a while. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
