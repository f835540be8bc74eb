/** The typed API the renderer uses: route names, inputs and outputs come from the contract. */
import type { EventName, EventPayload, Result, RouteInput, RouteName, RouteOutput } from '@shared/api';
import { getTransport } from './transport';

export const api = {
  call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<Result<RouteOutput<R>>> {
    return getTransport().call(route, input) as Promise<Result<RouteOutput<R>>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return getTransport().on(event, listener as (payload: unknown) => void);
  },
};
