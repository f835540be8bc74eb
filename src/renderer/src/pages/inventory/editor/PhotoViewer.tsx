import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Item } from '@shared/domain/inventory';
import { Modal } from '../../../components/Modal';
import { usePhotos } from '../../../stores/inventory-photos';

/**
 * One of the item's photos at full size. Opening it is what "Photo originals: when I open a
 * photo" waits for: core brings the original from the sync server if this device does not keep
 * it. Left and right arrows move between the item's photos; Escape closes.
 */
export function PhotoViewer(props: { item: Item; index: number; onMove(index: number): void; onClose(): void }) {
  const { item, index, onMove, onClose } = props;
  const photo = item.photos[index]!;
  const key = `full:${photo.hash}`;
  const url = usePhotos((s) => s.urls[key]);
  const unavailable = usePhotos((s) => s.unavailable[key]);
  useEffect(() => usePhotos.getState().load(photo.hash, 'full'), [photo.hash]);
  // Focused once the dialog is open (after the modal noted where focus was, to hand it back),
  // so the arrows work at once and Enter or Escape closes.
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  const last = item.photos.length - 1;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' && index > 0) onMove(index - 1);
    else if (e.key === 'ArrowRight' && index < last) onMove(index + 1);
    else return;
    e.preventDefault();
  };
  const name = `Photo ${index + 1} of ${item.photos.length}, ${item.sku}`;
  return (
    <Modal labelledBy="photo-viewer-title" wide onClose={onClose}>
      <div className="photo-viewer" onKeyDown={onKeyDown}>
        <h2 id="photo-viewer-title">{name}</h2>
        {url ? (
          <img className="photo-full" src={url} alt={`${name}, full size`} />
        ) : (
          <p role="status">
            {unavailable
              ? 'The original of this photo is not on this device, and sync could not bring it. It comes once sync is on and connected; the device that added it must keep originals.'
              : 'Loading the original…'}
          </p>
        )}
        <div className="actions">
          <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)}>
            ← Previous
          </button>
          <button type="button" disabled={index === last} onClick={() => onMove(index + 1)}>
            Next →
          </button>
          <button ref={close} type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
