import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { meetingsConfig } from '../config/environment.js';
import { DomainException } from '../problems/error-code.js';

/** A form older than this is not taken: it was shown to someone a day ago, or copied by a robot. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps robots off the public registration form without a third-party service: the form carries
 * the moment it was shown, signed with a key only the app knows (stored in the database, so every
 * app process signs alike), and a field people never see (a honeypot). A form sent sooner than
 * MEETING_FORM_MIN_SECONDS after it was shown, older than a day, unsigned, or with the honeypot
 * filled in is refused, and nothing is written.
 */
@Injectable()
export class FormGuard {
  private key?: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(meetingsConfig.KEY) private readonly config: ConfigType<typeof meetingsConfig>,
  ) {}

  /** The token a form carries: when it was shown, and its signature. */
  async issue(now = Date.now()): Promise<string> {
    return `${now}.${await this.sign(String(now))}`;
  }

  async check(token: string | undefined, honeypot: string | undefined, now = Date.now()): Promise<void> {
    const minimumSeconds = this.config.MEETING_FORM_MIN_SECONDS;
    const refuse = (reason: 'tooFast' | 'honeypot' | 'expired' | 'unsigned', why: string) =>
      new DomainException('FORM_NOT_ACCEPTED', `${why} Fetch a new form token (GET /api/meetings/{id}/registration-form), fill in the form and send it again.`, {
        params: { reason, minimumSeconds },
      });
    if (honeypot) throw refuse('honeypot', 'The field "website" is for robots only and must be left empty.');
    const [shown, signature] = (token ?? '').split('.');
    const expected = await this.sign(shown ?? '');
    if (!/^\d{13}$/.test(shown ?? '') || !signature || signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      throw refuse('unsigned', 'The form token is missing or was not made by this app.');
    }
    const age = now - Number(shown);
    if (age > MAX_AGE_MS) throw refuse('expired', 'The form was shown more than a day ago.');
    if (age < minimumSeconds * 1000) throw refuse('tooFast', `The form was sent within ${minimumSeconds} seconds of being shown, faster than a person fills it in.`);
  }

  private async sign(value: string): Promise<string> {
    this.key ??= this.dataSource.query('SELECT key FROM meeting_form_key LIMIT 1').then(([row]: { key: string }[]) => row.key);
    return createHmac('sha256', await this.key).update(value).digest('base64url');
  }
}
