/**
 * Deletes what can sign nobody in any more (expired sessions, old sign-in links) at start
 * and then hourly, so the tables do not keep credentials forever. Safe to run in several
 * processes at once: each delete only removes rows that are past their time.
 */
import type { Db } from '@kengash/db';
import { purgeExpiredCredentials } from '@kengash/core';

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

export class Housekeeping {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: { warn: (obj: object, msg: string) => void },
    private readonly intervalMs = HOUSEKEEPING_INTERVAL_MS,
  ) {}

  start(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** One purge now (skipped while one is under way). */
  run(): Promise<void> {
    this.running ??= purgeExpiredCredentials(this.db)
      .then(() => undefined)
      .catch((err: unknown) => this.log.warn({ err }, 'purging expired credentials failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
