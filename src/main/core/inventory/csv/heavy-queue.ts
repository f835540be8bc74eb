/**
 * One heavy CSV operation (preview or import) at a time per data folder: twelve big previews
 * asked for at once run one after another instead of holding twelve files' worth of work in
 * memory together. Each waiting request is announced with its place in line, so the window
 * can say why it waits.
 */
import type { EventBus } from '../../events';

interface Entry {
  id: string;
  label: string;
}

export class HeavyQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running: Entry | null = null;
  private readonly waiting: Entry[] = [];

  constructor(private readonly events: EventBus) {}

  run<T>(id: string, label: string, work: () => Promise<T>): Promise<T> {
    const entry = { id, label };
    this.waiting.push(entry);
    this.announce();
    const run = this.tail.then(async () => {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.running = entry;
      this.announce();
      try {
        return await work();
      } finally {
        this.running = null;
        this.announce();
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private announce(): void {
    this.events.emit('inventory.import.queue', {
      running: this.running,
      waiting: this.waiting.map((e, i) => ({ ...e, ahead: i + 1 })),
    });
  }
}
