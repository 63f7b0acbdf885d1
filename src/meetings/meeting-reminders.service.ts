import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { meetingsConfig } from '../config/environment.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { TIME_ZONE } from '../shared/dates.js';
import { SchedulesMail, type MailScheduler } from '../shared/timed-mail.js';
import { reminderMessage } from './meeting-messages.js';
import { MeetingsService } from './meetings.service.js';

/**
 * The reminder of an open meeting, MEETING_REMINDER_DAYS_BEFORE days before it, to everyone with a
 * place. The scheduler asks each round (@SchedulesMail); what is due is found from the database
 * each time and each reminder has a key of its own (registration, start), so a restart neither
 * loses nor repeats one, and a meeting moved to another start is reminded of again.
 */
@Injectable()
@SchedulesMail()
export class MeetingRemindersService implements MailScheduler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly outbox: OutboxService,
    @Inject(meetingsConfig.KEY) private readonly config: ConfigType<typeof meetingsConfig>,
  ) {}

  scheduleDueMail(): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due: { id: string; series_id: string }[] = await em.query(
        `SELECT id, series_id FROM meetings
         WHERE called_off_at IS NULL AND (date + start_time) AT TIME ZONE '${TIME_ZONE}' BETWEEN now() AND now() + make_interval(days => $1)
         FOR SHARE`,
        [this.config.MEETING_REMINDER_DAYS_BEFORE],
      );
      // FOR SHARE: a meeting being called off (its row locked) is waited for and then left out;
      // one called off after this round has the reminders it queued taken back.
      let scheduled = 0;
      for (const { id, series_id } of due) {
        const meeting = await this.meetings.findMeeting(em, id);
        const series = await this.meetings.findSeries(em, series_id);
        const people: { id: string; name: string; email: string }[] = await em.query(
          "SELECT id, name, email FROM meeting_registrations WHERE meeting_id = $1 AND status = 'registered' AND email IS NOT NULL ORDER BY registered_at",
          [id],
        );
        scheduled += await this.outbox.enqueue(em, people.map((person) => reminderMessage({ ...person, registrationId: person.id }, series, meeting)));
      }
      return scheduled;
    });
  }
}
