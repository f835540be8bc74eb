/** What each eBay figure runs against: the core, the double in its own process, a client that trusts it. */
import type { Agent } from 'undici';
import type { Core } from '../../src/main/core/core';
import type { RemoteDouble } from './double-process';

export interface EbayBench {
  core: Core;
  ebay: RemoteDouble;
  agent: Agent;
  /** A route of the core, as the app calls it; throws its error. */
  call: (route: string, input: unknown) => Promise<never>;
}
