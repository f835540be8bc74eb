/** Events the core pushes to the renderer, over IPC or the WebSocket. */
import type { z } from 'zod';
import {
  ProposalCreatedEventSchema,
  ProposalResolvedEventSchema,
  RunFailedEventSchema,
  RunFinishedEventSchema,
  RunStartedEventSchema,
  RunStepEventSchema,
} from './agents';
import { AiBudgetReachedSchema } from './ai';
import { AnalyticsChangedEventSchema } from './analytics';
import { EbayImportStatusSchema, EbayOrdersStatusSchema, EbayOutboxStatusSchema, EbayStatusSchema } from './ebay';
import { EbayListingStateSchema } from './ebay-listing';
import { ChatConversationEventSchema, ChatDeltaEventSchema, ChatMessageEventSchema } from './chat';
import { InventoryChangedEventSchema, ItemSoldEventSchema, LowStockEventSchema } from './inventory';
import { ImportProgressSchema, ImportQueueSchema, PhotosArrivedSchema } from './inventory-io';
import { OperationsChangedSchema } from './operations';
import { SettingsSchema } from './settings';
import { ConflictsChangedSchema, SyncStatusSchema } from './sync';

export const eventSchemas = {
  'settings.changed': SettingsSchema,
  'sync.status': SyncStatusSchema,
  'conflicts.changed': ConflictsChangedSchema,
  'ai.budgetReached': AiBudgetReachedSchema,
  'chat.delta': ChatDeltaEventSchema,
  'chat.message': ChatMessageEventSchema,
  'chat.conversation': ChatConversationEventSchema,
  'inventory.changed': InventoryChangedEventSchema,
  'inventory.lowStock': LowStockEventSchema,
  'inventory.sold': ItemSoldEventSchema,
  'inventory.import.progress': ImportProgressSchema,
  'inventory.import.queue': ImportQueueSchema,
  'photos.arrived': PhotosArrivedSchema,
  'analytics.changed': AnalyticsChangedEventSchema,
  'proposal.created': ProposalCreatedEventSchema,
  'proposal.resolved': ProposalResolvedEventSchema,
  'agent.runFinished': RunFinishedEventSchema,
  'agent.runFailed': RunFailedEventSchema,
  'agent.runStarted': RunStartedEventSchema,
  'agent.runStep': RunStepEventSchema,
  'ebay.import.progress': EbayImportStatusSchema,
  'ebay.status': EbayStatusSchema,
  'ebay.orders': EbayOrdersStatusSchema,
  'ebay.outbox': EbayOutboxStatusSchema,
  'ebay.listing': EbayListingStateSchema,
  'operations.changed': OperationsChangedSchema,
};

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const isEventName = (name: string): name is EventName => Object.hasOwn(eventSchemas, name);
