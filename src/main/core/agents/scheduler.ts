/**
 * Runs the inventory health scan every N hours (Settings → Inventory). The last scheduled
 * run is read from the recorded runs, so a restart does not rescan early or skip a scan.
 */
import type { SettingsStore } from '../settings/store';
import type { EventBus } from '../events';
import type { AgentsService } from './service';
import { logger } from '../log';

const log = logger('agents');

const TICK_MS = 60_000;

export class HealthScheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastStart = 0;
  private hours = 0;
  private unsubscribe: (() => void) | null = null;
  private busy = false;

  constructor(
    private readonly agents: AgentsService,
    private readonly settings: SettingsStore,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
    private readonly tickMs = TICK_MS,
  ) {}

  async start(): Promise<void> {
    this.hours = (await this.settings.get()).inventory.healthScanHours;
    const last = (await this.agents.runs.all()).filter((r) => r.agent === 'health' && r.trigger === 'schedule').at(-1);
    // First start ever: wait one interval rather than scanning while the app opens.
    this.lastStart = last ? Date.parse(last.startedAt) : this.now();
    this.unsubscribe = this.events.on('settings.changed', (s) => {
      this.hours = s.inventory.healthScanHours;
    });
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref?.();
  }

  /** Starts a scan when one is due; answers the run id, or null. */
  async tick(): Promise<string | null> {
    if (this.busy || this.hours <= 0 || this.now() - this.lastStart < this.hours * 3_600_000) return null;
    this.busy = true;
    try {
      if (await this.agents.config.isPaused('health')) return null;
      this.lastStart = this.now();
      const { runId, done } = await this.agents.run('health', 'schedule');
      await done;
      return runId;
    } catch (error) {
      log.error('the scheduled health scan could not start', error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
  }
}
