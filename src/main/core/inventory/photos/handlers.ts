import type { photoRoutes } from '@shared/api/inventory-io';
import type { HandlersFor } from '../../router';
import type { PhotoService } from './service';

export function photoHandlers(photos: PhotoService): HandlersFor<typeof photoRoutes> {
  return {
    'photos.add': ({ itemId, fileName, base64 }) => photos.add(itemId, fileName, base64),
    'photos.remove': ({ itemId, hash }) => photos.remove(itemId, hash),
    'photos.ensure': async ({ hash, size }) => ({ here: (await photos.replica?.ensure(hash, size)) ?? false }),
    'photos.get': async ({ hash, size }) => {
      await photos.replica?.ensure(hash, size);
      return photos.store.read(hash, size);
    },
  };
}
