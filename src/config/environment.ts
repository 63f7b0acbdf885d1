import { registerAs } from '@nestjs/config';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** An IPv4 or IPv6 address or range (CIDR), or one of proxy-addr's names for the private ranges. */
const PROXY_ADDRESS = String.raw`(?:(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*)(?:/\d{1,3})?|loopback|linklocal|uniquelocal)`;
const TRUST_PROXY = new RegExp(String.raw`^(?:false|true|[1-9]|${PROXY_ADDRESS}(?:\s*,\s*${PROXY_ADDRESS})*)$`);

/**
 * Configuration comes from environment variables only, one class per area, validated at
 * start-up: a wrong or missing variable stops the app with a message that names it.
 * The README lists every variable; keep them in step.
 */
export class HttpConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** A client must send its request line and headers within this time. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_HEADERS_TIMEOUT_SECONDS = 10;

  /** A connection that sends nothing for this long (a body that stalls) is closed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_IDLE_TIMEOUT_SECONDS = 15;

  /** The whole request, body included, within this time: long enough for the largest attachment on a slow line. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 120;

  /**
   * Which proxies in front of the app may say who the client is (X-Forwarded-For): `false` (none:
   * the address of the connection counts), `true` (any: only when nothing else can reach the app),
   * the number of proxies in front of it, or their addresses (IP or CIDR, comma-separated).
   */
  @Matches(TRUST_PROXY, {
    message: 'TRUST_PROXY must be false, true, a number of proxies (1-9), or proxy addresses (IP or CIDR, comma-separated, or loopback/linklocal/uniquelocal)',
  })
  TRUST_PROXY = 'false';
}

/** Fastify's trustProxy option for a TRUST_PROXY setting: a number of proxies trusts that many hops. */
export function trustProxyOption(setting: string): boolean | string | ((address: string, hop: number) => boolean) {
  if (setting === 'false' || setting === 'true') return setting === 'true';
  if (!/^\d$/.test(setting)) return setting;
  const proxies = Number(setting);
  return (_address, hop) => hop < proxies;
}

export class DatabaseConfig {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string = undefined;

  @IsString()
  EMBEDDED_POSTGRES_DIR = '.data/postgres';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;
}

export class AuthConfig {
  /** Where people reach the app: invitation links start with it. */
  @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_URL must be http(s)://host[:port] without a path or trailing slash' })
  PUBLIC_URL = 'http://127.0.0.1:3000';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_TTL_HOURS = 12;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  INVITATION_TTL_HOURS = 168;

  /**
   * log2 of scrypt's N for new password hashes. Tests lower it (each invitation accepted hashes
   * a password); every hash records its own cost, so hashes made at another cost still verify.
   * Above 15 scrypt would need more than the 64 MiB it may use.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(15)
  PASSWORD_HASH_COST = 15;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_FAILURES_PER_ADDRESS = 20;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_THROTTLE_MINUTES = 15;

  /** How long a "wachtwoord vergeten" link works. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  PASSWORD_RESET_TTL_HOURS = 1;

  /** Requests for a reset link for one e-mail address within the window; more send nothing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ACCOUNT = 3;

  /** Requests for a reset link from one client address within the window; more send nothing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_ADDRESS = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_THROTTLE_MINUTES = 60;

  /** How long a browser someone signed in on stays a known device, which the per-account lock lets through. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(400)
  KNOWN_DEVICE_DAYS = 90;
}

export class MailConfig {
  /** smtp://user:password@host:port (or smtps://); unset: messages are written to the log instead. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string = undefined;

  @IsString()
  MAIL_FROM = 'Trajectkompas <noreply@trajectkompas.invalid>';

  /** How often the worker looks for messages to send and reminders to schedule; 0 stops it (tests drive it themselves). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  OUTBOX_POLL_SECONDS = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  REMINDER_DAYS_BEFORE = 7;
}

export class EvidenceConfig {
  /** The largest attachment (photo, PDF, spreadsheet) a piece of evidence can carry, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
}

/** How long the scheduler's retention round keeps what is only needed for a while (README, "Retention"). */
export class RetentionConfig {
  /** A stored response to an Idempotency-Key is replayed, and kept, this long: retries come within minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 48;

  /** A session that expired or was signed out is kept this long (who was signed in when), then deleted. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  ENDED_SESSION_RETENTION_DAYS = 30;

  /** The text of a delivered message is kept this long; the row stays (what was sent to whom, when). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  DELIVERED_MESSAGE_RETENTION_DAYS = 30;
}

/** Open meetings (README, "Open meetings"): the public registration form's guards, the reminder, and how long personal data stays. */
export class MeetingsConfig {
  /** A public form sent sooner than this after it was shown is taken for a robot's. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600)
  MEETING_FORM_MIN_SECONDS = 3;

  /** Registrations (and attempts) counted per client address and per e-mail address within MEETING_REGISTRATION_THROTTLE_MINUTES. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  MEETING_REGISTRATIONS_MAX_PER_ADDRESS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  MEETING_REGISTRATIONS_MAX_PER_EMAIL = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  MEETING_REGISTRATION_THROTTLE_MINUTES = 60;

  /** The reminder goes out this many days before a meeting. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  MEETING_REMINDER_DAYS_BEFORE = 3;

  /** The personal data of a meeting's registrations is erased this many months after it; the counts stay. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(120)
  MEETING_DATA_RETENTION_MONTHS = 12;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export class LogConfig {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** JSON lines by default; `pretty` for a person reading a terminal. */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';
}

export function readConfig<T extends object>(area: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const { config, problems } = parse(area, env);
  if (problems.length) throw new InvalidConfigError(problems);
  return config;
}

/** Reads every area at once, so a start-up reports all wrong variables before doing anything. */
export function validateEnvironment(env: NodeJS.ProcessEnv = process.env) {
  const http = parse(HttpConfig, env);
  const database = parse(DatabaseConfig, env);
  const log = parse(LogConfig, env);
  const auth = parse(AuthConfig, env);
  const mail = parse(MailConfig, env);
  const evidence = parse(EvidenceConfig, env);
  const retention = parse(RetentionConfig, env);
  const meetings = parse(MeetingsConfig, env);
  const problems = [
    ...http.problems,
    ...database.problems,
    ...log.problems,
    ...auth.problems,
    ...mail.problems,
    ...evidence.problems,
    ...retention.problems,
    ...meetings.problems,
  ];
  if (http.config.HTTP_HEADERS_TIMEOUT_SECONDS > http.config.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS must not be larger than HTTP_REQUEST_TIMEOUT_SECONDS (the headers are part of the request)');
  }
  if (problems.length) throw new InvalidConfigError(problems);
  return { http: http.config, database: database.config, log: log.config, auth: auth.config, mail: mail.config, evidence: evidence.config, retention: retention.config, meetings: meetings.config };
}

export class InvalidConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration. ${problems.join('; ')}. See "Configuration" in README.md.`);
  }
}

function parse<T extends object>(area: new () => T, env: NodeJS.ProcessEnv): { config: T; problems: string[] } {
  const known = Object.keys(new area());
  const values = Object.fromEntries(Object.entries(env).filter(([name, value]) => known.includes(name) && value !== ''));
  const config = plainToInstance(area, values, { exposeDefaultValues: true });
  const problems = validateSync(config).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`,
  );
  return { config, problems };
}

export const databaseConfig = registerAs('database', () => readConfig(DatabaseConfig));
export const authConfig = registerAs('auth', () => readConfig(AuthConfig));
export const mailConfig = registerAs('mail', () => readConfig(MailConfig));
export const evidenceConfig = registerAs('evidence', () => readConfig(EvidenceConfig));
export const retentionConfig = registerAs('retention', () => readConfig(RetentionConfig));
export const meetingsConfig = registerAs('meetings', () => readConfig(MeetingsConfig));
