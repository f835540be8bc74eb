/**
 * Core: all of FlipSync's behaviour, with no Electron in it. A shell (Electron or browser
 * mode) creates one core per data folder and forwards calls and events.
 *
 * Each domain contributes its handlers through `<domain>/handlers.ts`; the `Handlers` type
 * makes a route without a handler a compile error here.
 */
import path from 'node:path';
import type { Settings } from '@shared/api';
import { agentHandlers } from './agents/handlers';
import type { AgentsService } from './agents/service';
import { startAgents } from './agents/start';
import { API_KEY_SECRET } from './ai/connection';
import { aiHandlers } from './ai/handlers';
import { resolveEndpoint } from './ai/presets';
import { AiService } from './ai/service';
import { appHandlers } from './app/handlers';
import { backupHandlers } from './backup/handlers';
import { BackupService } from './backup/service';
import { finishPendingDelete } from './backup/wipe';
import { analyticsHandlers } from './analytics/handlers';
import { AnalyticsService } from './analytics/service';
import type { SalesLedger } from './analytics/sales-ledger';
import { salesFromDocs } from './agents/tools/data';
import { chatHandlers } from './chat/handlers';
import type { ChatService } from './chat/service';
import { startChat } from './chat/start';
import { openDatabase, type Database } from './db/open';
import { EventBus } from './events';
import { ebayHandlers } from './marketplace/ebay/handlers';
import { listingProposalHandlers } from './marketplace/ebay/listing/proposal-handlers';
import { EbayService } from './marketplace/ebay/service';
import { inventoryHandlers } from './inventory/handlers';
import { logger, openLog } from './log';
import { inventoryIoHandlers } from './inventory/csv/handlers';
import { Uploads } from './inventory/csv/uploads';
import { photoHandlers } from './inventory/photos/handlers';
import { PhotoService } from './inventory/photos/service';
import { PhotoReplica } from './inventory/photos/replica';
import { collectUnusedPhotos, PhotoCollector, type Collected } from './inventory/photos/collect';
import type { InventoryService } from './inventory/service';
import { startInventory } from './inventory/start';
import { operationHandlers } from './journal/handlers';
import { Journal } from './journal/journal';
import { resumeOperations } from './journal/resume';
import { TrustedFetches, type TrustOptions } from './net/trusted-fetches';
import { NotificationPolicy } from './notifications/policy';
import { bindLegacy, originOf } from './platform/bound-secrets';
import { rememberedSecrets } from './platform/remembered-secrets';
import type { Platform } from './platform/types';
import { createRouter, type Dispatch, type Handlers } from './router';
import { settingsHandlers } from './settings/handlers';
import { SettingsStore } from './settings/store';
import { ConflictsService } from './sync/conflicts';
import { syncHandlers } from './sync/handlers';
import { ConflictResolver } from './sync/resolver';
import { SECRET_PASSWORD, SECRET_USERNAME, SyncService } from './sync/service';
import { TrayService } from './tray/service';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  platform: Platform;
  /** The AI provider: chat and agents call `ai.complete` / `ai.stream`, never the SDK. */
  ai: AiService;
  /** Inventory writes (CSV import calls `bulkUpsertBySku` in inventory/bulk.ts with it). */
  inventory: InventoryService;
  /** Which events become desktop notifications; the shell's notifier shows them. */
  notifications: NotificationPolicy;
  /** The tray menu as data; the agents feature calls `tray.attachAgents(...)`. */
  tray: TrayService;
  /** Conversations and streamed replies; the agents work plugs in with `chat.setProducer(...)`. */
  chat: ChatService;
  /** Agents, their runs and proposals; the assistant agent answers the chat. */
  agents: AgentsService;
  /** The eBay account, client and listing import. */
  ebay: EbayService;
  /** The one trusted fetch (roots, OS store, CA file, proxy) every connection goes through. */
  trust: TrustedFetches;
  /** Back up now, automatic backups, restore, delete everything. */
  backup: BackupService;
  /** Photos: files, their sync, and collecting the ones no item shows (at `now`, for tests). */
  photos: { service: PhotoService; replica: PhotoReplica; collect(now?: number): Promise<Collected> };
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Where the trusted fetch finds the OS store and the proxy (tests point these elsewhere). */
  trust?: TrustOptions;
}

export async function createCore(given: Platform, options: CoreOptions = {}): Promise<Core> {
  const startedAt = new Date();
  const trust = new TrustedFetches(options.trust);
  // "Delete everything" finishes here, before any database opens.
  await finishPendingDelete(given.dataDir);
  // Every secret core reads or saves is known to the log's redaction rule before anything uses it.
  const platform: Platform = { ...given, secrets: rememberedSecrets(given.secrets) };
  await Promise.all([API_KEY_SECRET, SECRET_USERNAME, SECRET_PASSWORD].map((name) => platform.secrets.get(name)));
  const events = new EventBus();
  const local = await openDatabase(platform.dataDir, 'local');
  const inventory = await openDatabase(platform.dataDir, 'inventory');
  const chat = await openDatabase(platform.dataDir, 'chat');
  const agents = await openDatabase(platform.dataDir, 'agents');
  // Photos travel in databases of their own (inventory/photos/replica.ts): thumbnails, originals.
  const photoDbs = {
    photos: await openDatabase(platform.dataDir, 'photos'),
    originals: await openDatabase(platform.dataDir, 'originals'),
  };
  const databases: Record<string, Database> = { local, inventory, chat, agents, ...photoDbs };
  // Opened once the databases are: their lock means no other FlipSync writes to this folder.
  const log = await openLog(platform.dataDir);
  logger('core').info('FlipSync started', { version: platform.appVersion, shell: platform.shell });
  const settings = new SettingsStore(local, events);
  await bindSavedSecrets(platform.secrets, await settings.get());
  /** Work to stop before the databases close (live feeds, timers, sync). */
  // Named, so a close that takes long says which part held it (browser mode's stop has a deadline).
  const stoppers: [string, () => Promise<void> | void][] = [['trust', () => trust.close()]];

  // Attached first, so events raised while the rest starts (a sync error) are heard.
  const notifications = new NotificationPolicy({ notifier: platform.notifier });
  await notifications.attach(events, settings);
  stoppers.push(['notifications', () => notifications.close()]);

  const resolver = new ConflictResolver(inventory, local, () =>
    events.emit('conflicts.changed', { count: resolver.conflictedIds().length }),
  );
  await resolver.start();
  stoppers.push(['resolver', () => resolver.close()]);
  const conflicts = new ConflictsService(inventory, resolver);
  const sync = new SyncService({
    platform,
    settings,
    events,
    local,
    databases: { inventory, chat, agents, ...photoDbs },
    trust,
  });
  await sync.init();
  stoppers.push(['sync', () => sync.close()]);
  const tray = new TrayService({ events, syncStatus: () => sync.status() });
  await tray.start();
  stoppers.push(['tray', () => tray.close()]);

  const ai = new AiService({ db: local, settings, secrets: platform.secrets, events, trust });
  stoppers.push(['ai', () => ai.close()]);

  // Stopped before the AI service closes: replies in progress are saved as interrupted.
  const chatService = await startChat(chat, ai, events);
  stoppers.push(['chatService', () => chatService.close()]);

  const inv = await startInventory(inventory, platform.dataDir, events, settings);
  stoppers.push(['inv', () => inv.stop()]);
  const journal = new Journal(local, path.join(platform.dataDir, 'operations'), (id, state) =>
    events.emit('operations.changed', { id, state }),
  );
  inv.service.journal = journal;
  // Before anything else can write: a seller's edit planned on a half-applied bulk edit would
  // be overwritten by its finish. Only after a crash is there anything to do.
  await resumeOperations(journal, inv.service, events).catch((error: unknown) =>
    logger('journal').error('Could not read the operations journal', error),
  );

  const uploads = await Uploads.open(path.join(platform.dataDir, 'uploads'));
  const photos = new PhotoService(inv.service, platform.dataDir);
  const photoReplica = new PhotoReplica({
    databases: photoDbs,
    store: photos.store,
    syncing: async () => {
      const { sync: on } = await settings.get();
      if (!on.enabled || on.url === '') return 'off';
      return on.photoOriginals === 'never' ? 'thumbnails' : 'all';
    },
    inUse: (hash) => photos.inUse(hash),
    arrived: (hashes) => events.emit('photos.arrived', { hashes }),
  });
  photos.replica = photoReplica;
  await photoReplica.start();
  stoppers.push(['photoReplica', () => photoReplica.close()]);
  sync.attachPhotos(photoReplica);
  const photoCollect = {
    local,
    store: photos.store,
    replica: photoReplica,
    referenced: () => photos.referencedHashes(),
  };
  const photoCollector = new PhotoCollector(photoCollect);
  photoCollector.start();
  stoppers.push(['photoCollector', () => photoCollector.stop()]);
  // Stopped before inventory and AI: runs in progress end recorded as cancelled, never left running.
  // The sales ledger starts with analytics, after agents; a run before that reads the documents.
  let ledger: SalesLedger | null = null;
  let ebay: EbayService | null = null;
  const agentsCore = await startAgents({
    db: agents,
    ai,
    inventory: inv.service,
    sales: async () => {
      if (!ledger) return salesFromDocs(inv.service)();
      await ledger.settle();
      return ledger.sales.values();
    },
    // eBay starts after analytics; until then (and when not connected) agents have no market data.
    market: {
      comparables: async (item, currency, signal) => (ebay ? ebay.comparables(item, currency, signal) : null),
      categories: async (query, currency, signal) => (ebay ? ebay.categories(query, currency, signal) : null),
      category: async (categoryId, currency, signal) => (ebay ? ebay.category(categoryId, currency, signal) : null),
    },
    photos: photos.store,
    settings,
    events,
    chat: chatService,
  });
  stoppers.push(['agentsCore', () => agentsCore.stop()]);
  await tray.attachAgents(agentsCore.control);

  const analytics = await AnalyticsService.start({
    inventoryDb: inventory,
    index: () => inv.service.index,
    agentsDb: agents,
    localDb: local,
    ai,
    events,
    dataDir: platform.dataDir,
  });
  stoppers.push(['analytics', () => analytics.stop()]);
  ledger = analytics.ledger;

  // Stopped before inventory: an import in progress ends checkpointed, resumable.
  ebay = new EbayService({
    local,
    secrets: platform.secrets,
    settings,
    events,
    inventory: inv.service,
    photos,
    trust,
    syncCatchingUp: () => sync.catchingUp('inventory'),
    // A device that keeps originals on demand fetches one from the sync server first.
    readPhoto: async ({ hash, ext }) =>
      (await photos.store.readOriginal(hash, ext)) ??
      ((await photoReplica.ensure(hash, 'full').catch(() => false)) ? photos.store.readOriginal(hash, ext) : null),
  });
  stoppers.push(['ebay', () => ebay.close()]);

  const backup = new BackupService({
    dataDir: platform.dataDir,
    appVersion: platform.appVersion,
    databases: { local, inventory, chat, agents },
    settings,
    events,
    inventoryBulk: (work) => inv.service.live.pausedFor(work),
  });
  await backup.start();
  stoppers.push(['backup', () => backup.close()]);

  const handlers: Handlers = {
    ...appHandlers(platform, startedAt, databases, { log, settings }),
    ...settingsHandlers(settings),
    ...syncHandlers(sync, conflicts),
    ...aiHandlers(ai, platform.secrets, settings, platform),
    ...chatHandlers(chatService),
    ...inventoryHandlers(inv.service, events),
    ...inventoryIoHandlers(inv.service, events, uploads),
    ...photoHandlers(photos),
    ...agentHandlers(agentsCore.service),
    ...analyticsHandlers(analytics),
    ...ebayHandlers(ebay),
    ...listingProposalHandlers(ebay, agentsCore.service),
    ...backupHandlers(backup),
    ...operationHandlers(journal, inv.service),
  };
  const dispatch = createRouter(handlers);

  let closed = false;
  return {
    dispatch,
    events,
    platform,
    ai,
    inventory: inv.service,
    notifications,
    tray,
    chat: chatService,
    agents: agentsCore.service,
    ebay,
    trust,
    backup,
    photos: { service: photos, replica: photoReplica, collect: (now) => collectUnusedPhotos(photoCollect, now) },
    async close() {
      if (closed) return;
      closed = true;
      for (const [name, stop] of stoppers.reverse()) {
        const started = Date.now();
        await stop();
        const ms = Date.now() - started;
        if (ms > SLOW_STOP_MS) logger('core').warn(`closing ${name} took ${ms} ms`);
      }
      await Promise.all(Object.values(databases).map((db) => db.close()));
      logger('core').info('FlipSync stopped');
      // Last: what the stoppers logged is on disk when close() resolves.
      await log.close();
    },
  };
}

const SLOW_STOP_MS = 2_000;

/** Secrets saved by earlier versions belong to the servers the settings name at this start. */
async function bindSavedSecrets(secrets: Platform['secrets'], saved: Settings): Promise<void> {
  let ai: string | null = null;
  try {
    ai = new URL(resolveEndpoint(saved.ai).baseUrl).origin;
  } catch {
    // No address yet (a custom provider without one): bound when it gets one.
  }
  await bindLegacy(secrets, API_KEY_SECRET, ai);
  for (const name of [SECRET_USERNAME, SECRET_PASSWORD]) await bindLegacy(secrets, name, originOf(saved.sync.url));
}
