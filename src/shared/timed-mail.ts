import { DiscoveryService } from '@nestjs/core';

/**
 * Marks a service that has mail to schedule at a time (a reminder before a meeting): each round
 * of the scheduler, before it delivers the outbox, finds every such service and calls its
 * scheduleDueMail(). Each feature knows its own reminders; the scheduler knows none of them.
 */
export const SchedulesMail = DiscoveryService.createDecorator();

export interface MailScheduler {
  /** Puts the messages that are due into the outbox (at most once each: a dedupe key); answers how many. */
  scheduleDueMail(): Promise<number>;
}
