import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import { mailConfig } from '../config/environment.js';
import { DatabaseAvailability } from '../database/database-availability.js';
import { OutboxDelivery } from '../outbox/outbox-delivery.js';
import { PrunesOldRows, type OldRowsPruner } from '../shared/retention.js';
import { SchedulesMail, type MailScheduler } from '../shared/timed-mail.js';
import { NotificationsService } from './notifications.service.js';

/**
 * The app's only timer: every OUTBOX_POLL_SECONDS it schedules the reminders that are due (the
 * workshops', and those of every service marked @SchedulesMail(): an open meeting's), delivers the outbox, and runs the retention round: every service marked @PrunesOldRows()
 * deletes what it keeps past its retention (README, "Retention"). All its state is in
 * PostgreSQL, so a restart loses and repeats nothing.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly delivery: OutboxDelivery,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
    private readonly discovery: DiscoveryService,
    private readonly database: DatabaseAvailability,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_POLL_SECONDS === 0) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = undefined));
    }, this.config.OUTBOX_POLL_SECONDS * 1000);
    // The HTTP server keeps the app alive; the timer alone must not keep a command running.
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; the tests call it directly (with OUTBOX_POLL_SECONDS=0). */
  async tick(): Promise<{ reminders: number; sent: number; failed: number; pruned: Record<string, number> }> {
    const workshopReminders = await this.notifications.scheduleDueReminders().catch((error) => {
      this.failed('scheduling reminders', error);
      return 0;
    });
    const reminders = workshopReminders + (await this.scheduleTimedMail());
    const delivered = await this.delivery.deliverDue().catch((error) => {
      this.failed('delivering the outbox', error);
      return { sent: 0, failed: 0 };
    });
    return { reminders, ...delivered, pruned: await this.pruneOldRows() };
  }

  /** The timed mail of every service marked @SchedulesMail(), each on its own. */
  private async scheduleTimedMail(): Promise<number> {
    const schedulers = this.discovery.getProviders({ metadataKey: SchedulesMail.KEY }).map((wrapper) => wrapper.instance as MailScheduler);
    const counts = await Promise.all(
      schedulers.map((scheduler) =>
        scheduler.scheduleDueMail().catch((error) => {
          this.failed(`scheduling mail (${scheduler.constructor.name})`, error);
          return 0;
        }),
      ),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** The retention round: each pruner on its own, so one that fails does not keep the others from their work. */
  private async pruneOldRows(): Promise<Record<string, number>> {
    const pruners = this.discovery.getProviders({ metadataKey: PrunesOldRows.KEY }).map((wrapper) => wrapper.instance as OldRowsPruner);
    const counts = await Promise.all(
      pruners.map((pruner) =>
        pruner.pruneOldRows().catch((error) => {
          this.failed(`pruning old rows (${pruner.constructor.name})`, error);
          return {};
        }),
      ),
    );
    return Object.assign({}, ...counts);
  }

  /** A round's part that failed; while the database is away that is said once, by DatabaseAvailability. */
  private failed(what: string, error: unknown): void {
    if (!this.database.noticeUnavailable(error)) this.logger.error({ err: error }, `${what} failed`);
  }
}
