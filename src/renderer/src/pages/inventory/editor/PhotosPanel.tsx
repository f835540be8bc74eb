import { useRef, useState, type DragEvent } from 'react';
import type { Item } from '@shared/domain/inventory';
import { usePhotos } from '../../../stores/inventory-photos';
import { Thumb } from '../Thumb';
import { ErrorText } from '../../../components/ErrorRef';
import { PhotoViewer } from './PhotoViewer';

const IMAGE = /\.(jpe?g|png|webp|gif|heic)$/i;

/** The item's photos: drop files here or pick them; each goes to core as bytes. */
export function PhotosPanel({ item }: { item: Item }) {
  const { adding, error, add, remove } = usePhotos();
  const [over, setOver] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const addFiles = (list: FileList | null) => {
    const files = [...(list ?? [])].filter((f) => f.type.startsWith('image/') || IMAGE.test(f.name));
    if (files.length > 0) void add(item.id, files);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    addFiles(e.dataTransfer.files);
  };

  return (
    <section className="editor-photos" aria-labelledby="photos-title">
      <h3 id="photos-title">Photos ({item.photos.length})</h3>
      <ul className="photo-list">
        {item.photos.map((p, i) => (
          <li key={p.hash}>
            <button
              type="button"
              className="photo-open"
              aria-label={`Open photo ${i + 1} of ${item.sku}`}
              onClick={() => setOpen(i)}
            >
              <Thumb hash={p.hash} alt={`Photo ${i + 1} of ${item.sku}`} />
            </button>
            <button type="button" aria-label={`Remove photo ${i + 1}`} onClick={() => void remove(item.id, p.hash)}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="photo-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        Drop photos here or{' '}
        <button type="button" onClick={() => inputRef.current?.click()}>
          choose files…
        </button>
        <input
          ref={inputRef}
          type="file"
          accept="image/*"
          multiple
          hidden
          aria-label="Photo files"
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <span role="status">{adding > 0 ? `Adding ${adding} photo${adding === 1 ? '' : 's'}…` : ''}</span>
      {open !== null && open < item.photos.length && (
        <PhotoViewer item={item} index={open} onMove={setOpen} onClose={() => setOpen(null)} />
      )}
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
    </section>
  );
}
