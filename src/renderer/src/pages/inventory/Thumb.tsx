import { useEffect } from 'react';
import { usePhotos } from '../../stores/inventory-photos';

/** A photo's thumbnail (or full size), fetched from core once and cached. */
export function Thumb({ hash, alt, size = 'thumb' }: { hash: string; alt: string; size?: 'thumb' | 'full' }) {
  const url = usePhotos((s) => s.urls[`${size}:${hash}`]);
  useEffect(() => usePhotos.getState().load(hash, size), [hash, size]);
  return url ? (
    <img className={size === 'thumb' ? 'thumb' : 'photo-full'} src={url} alt={alt} />
  ) : (
    <span className="thumb placeholder" aria-hidden />
  );
}
