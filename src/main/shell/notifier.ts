import { Notification } from 'electron';
import type { Notifier } from '../core/platform/types';

export interface ShownNotification {
  title: string;
  body: string;
  view?: string;
  at: string;
}

/**
 * Native notifications for what core's notification policy decided to show. A click opens
 * FlipSync on the matching page. Shown notifications are kept referenced until clicked or
 * closed: a collected one loses its click handler on Windows and macOS.
 */
export function createNativeNotifier(options: { icon?: string; open: (view?: string) => void }): Notifier & {
  requests: ShownNotification[];
} {
  const alive = new Set<Notification>();
  const requests: ShownNotification[] = [];
  return {
    requests,
    notify({ title, body, view }) {
      requests.push({ title, body, ...(view ? { view } : {}), at: new Date().toISOString() });
      if (requests.length > 50) requests.shift();
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, ...(options.icon ? { icon: options.icon } : {}) });
      alive.add(notification);
      const forget = () => alive.delete(notification);
      notification.on('click', () => {
        forget();
        options.open(view);
      });
      notification.on('close', forget);
      notification.on('failed', forget);
      notification.show();
    },
  };
}
