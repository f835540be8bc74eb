/**
 * eBay in core: the account, the client plumbing and the listing import, built from the
 * settings. Calls go over the same trusted fetch as the AI (bundled roots, the OS store, the
 * CA file from Settings → AI, HTTPS_PROXY; verification never off).
 */
import type { EbayImportStatus, EbayStatus } from '@shared/api';
import type { Database } from '../../db/open';
import type { EventBus } from '../../events';
import type { InventoryService } from '../../inventory/service';
import type { TrustedFetches } from '../../net/trusted-fetches';
import type { SecretStore } from '../../platform/types';
import type { SettingsStore } from '../../settings/store';
import { EbayAccount } from './account';
import { EbayHttp, type RetryPolicy } from './http';
import { EbayImport } from './import';
import { UsageCounter } from './usage';

export interface EbayServiceDeps {
  local: Database;
  secrets: SecretStore;
  settings: SettingsStore;
  events: EventBus;
  inventory: InventoryService;
  /** The process's one trusted fetch, shared with the AI and sync; closed by whoever made it. */
  trust: TrustedFetches;
  /** For tests that need shorter waits; the default honours eBay's Retry-After up to a minute. */
  retry?: RetryPolicy;
}

export class EbayService {
  readonly account: EbayAccount;
  readonly importer: EbayImport;
  private readonly usage: UsageCounter;

  constructor(private readonly deps: EbayServiceDeps) {
    this.usage = new UsageCounter(deps.local);
    const http = new EbayHttp(() => this.trustedFetch(), this.usage, deps.retry);
    const settings = async () => (await deps.settings.get()).ebay;
    this.account = new EbayAccount(deps.local, deps.secrets, settings, http, this.usage);
    this.importer = new EbayImport({
      local: deps.local,
      inventory: deps.inventory,
      account: this.account,
      http,
      events: deps.events,
      settings,
    });
  }

  status(): Promise<EbayStatus> {
    return this.account.status();
  }

  importStatus(): Promise<EbayImportStatus> {
    return this.importer.status();
  }

  async close(): Promise<void> {
    await this.importer.cancel();
    await this.usage.flush();
  }

  /** The CA file is the one set in Settings → AI: one trust for every connection. */
  private async trustedFetch(): Promise<typeof fetch> {
    const caFile = (await this.deps.settings.get()).ai.caFile;
    return (await this.deps.trust.get(caFile)).fetch;
  }
}
