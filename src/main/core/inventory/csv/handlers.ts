import { ulid } from 'ulid';
import type { inventoryIoRoutes } from '@shared/api/inventory-io';
import type { EventBus } from '../../events';
import type { HandlersFor } from '../../router';
import type { InventoryService } from '../service';
import { exportItems } from './export';
import { HeavyQueue } from './heavy-queue';
import { previewImport, runImport } from './import';
import type { Uploads } from './uploads';

export function inventoryIoHandlers(
  service: InventoryService,
  events: EventBus,
  uploads: Uploads,
): HandlersFor<typeof inventoryIoRoutes> {
  const heavy = new HeavyQueue(events);
  // Read inside the queue: twelve waiting previews of uploads hold no file text in memory.
  const fileText = (input: { text?: string; uploadId?: string }) =>
    input.text !== undefined ? Promise.resolve(input.text) : uploads.text(input.uploadId!);
  return {
    'inventory.import.preview': ({ requestId, uploadId, text, ...input }) =>
      heavy.run(requestId ?? ulid(), `Preview of ${input.fileName}`, async () =>
        previewImport(service, { ...input, text: await fileText({ text, uploadId }) }),
      ),
    'inventory.import.run': ({ uploadId, text, ...input }) => {
      const importId = input.importId ?? ulid();
      return heavy.run(importId, `Import of ${input.fileName}`, async () => {
        const result = await runImport(service, events, {
          ...input,
          importId,
          text: await fileText({ text, uploadId }),
        });
        // The journal keeps its own copy of the file; the upload has served its purpose.
        if (uploadId) await uploads.discard(uploadId);
        return result;
      });
    },
    'inventory.import.upload': (input) => uploads.add(input),
    'inventory.import.discard': async ({ uploadId }) => ({ discarded: await uploads.discard(uploadId) }),
    'inventory.export': ({ format, query }) => exportItems(service, format, query),
  };
}
