/**
 * Every renderer store, so each test starts where a freshly opened window starts: a store
 * left over from the previous test would show its data on a page whose core never had it.
 */
import { useAgents } from '../../../src/renderer/src/stores/agents';
import { useAiStore } from '../../../src/renderer/src/stores/ai';
import { useAppInfoStore } from '../../../src/renderer/src/stores/app-info';
import { useApprovals } from '../../../src/renderer/src/stores/approvals';
import { useChatStore } from '../../../src/renderer/src/stores/chat';
import { useConnectionStore } from '../../../src/renderer/src/stores/connection';
import { useDashboard } from '../../../src/renderer/src/stores/dashboard';
import { useDiagnostics } from '../../../src/renderer/src/stores/diagnostics';
import { useEbayStore } from '../../../src/renderer/src/stores/ebay';
import { useEbayOrders } from '../../../src/renderer/src/stores/ebay-orders';
import { useEbayListing } from '../../../src/renderer/src/stores/ebay-listing';
import { useEbaySetup } from '../../../src/renderer/src/stores/ebay-setup';
import { useProposalPublish } from '../../../src/renderer/src/stores/proposal-publish';
import { useBulkActions } from '../../../src/renderer/src/stores/inventory-bulk';
import { useItemEditor } from '../../../src/renderer/src/stores/inventory-editor';
import { useExport } from '../../../src/renderer/src/stores/inventory-export';
import { useImportWizard } from '../../../src/renderer/src/stores/inventory-import';
import { useInlineEdit } from '../../../src/renderer/src/stores/inventory-inline';
import { usePhotos } from '../../../src/renderer/src/stores/inventory-photos';
import { useSyncStore } from '../../../src/renderer/src/stores/inventory-sync';
import { useInventoryTable } from '../../../src/renderer/src/stores/inventory-table';
import { useOperationsStore } from '../../../src/renderer/src/stores/operations';
import { useSettingsStore } from '../../../src/renderer/src/stores/settings';

interface Resettable {
  getInitialState(): object;
  setState(state: never, replace: true): void;
}

const stores: Resettable[] = [
  useAgents,
  useAiStore,
  useAppInfoStore,
  useApprovals,
  useChatStore,
  useConnectionStore,
  useDashboard,
  useDiagnostics,
  useEbayStore,
  useEbayOrders,
  useEbayListing,
  useEbaySetup,
  useProposalPublish,
  useBulkActions,
  useItemEditor,
  useExport,
  useImportWizard,
  useInlineEdit,
  usePhotos,
  useSyncStore,
  useInventoryTable,
  useSettingsStore,
  useOperationsStore,
];

export function resetStores(): void {
  for (const store of stores) store.setState(store.getInitialState() as never, true);
}
