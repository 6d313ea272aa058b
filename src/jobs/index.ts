import type { Logger } from '@slack/bolt';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Services } from '../services/index.js';
import type { SlackPort } from '../services/ports.js';
import type { Store } from '../store/index.js';

export interface JobDeps {
  store: Store;
  services: Services;
  slack: SlackPort;
  clock: Clock;
  logger: Logger;
}

export interface TickOptions {
  /** Plan and print, write nothing, send nothing. */
  dryRun?: boolean;
}

export interface TickReport {
  now: string;
  dryRun: boolean;
  /** One line per post planned or sent, for `npm run tick` and the logs. */
  lines: string[];
}

export interface Jobs {
  /** Runs every job due at `now` once. Two ticks for the same instant never post twice. */
  tick(now: Date, options?: TickOptions): Promise<TickReport>;
  startCron(): void;
  stop(): void;
}

export function createJobs(deps: JobDeps): Jobs {
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const tick = async (now: Date, options: TickOptions = {}): Promise<TickReport> => {
    const report: TickReport = { now: now.toISOString(), dryRun: Boolean(options.dryRun), lines: [] };
    if (!options.dryRun) deps.services.eventDedupe.prune(now);
    return report;
  };

  return {
    tick,
    startCron() {
      // node-cron only calls tick; ticks never overlap (a slow one delays the next).
      task = cron.schedule('* * * * *', () => {
        running = running.then(() => tick(deps.clock.now())).catch((err: unknown) => {
          deps.logger.error(`tick failed: ${err instanceof Error ? err.message : String(err)}`);
        });
      });
    },
    stop() {
      void task?.stop();
      task = undefined;
    },
  };
}
