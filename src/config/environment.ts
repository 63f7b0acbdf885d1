import { registerAs } from '@nestjs/config';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class LogConfig {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
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
  const problems = [...http.problems, ...database.problems, ...log.problems, ...auth.problems, ...mail.problems, ...evidence.problems];
  if (problems.length) throw new InvalidConfigError(problems);
  return { http: http.config, database: database.config, log: log.config, auth: auth.config, mail: mail.config, evidence: evidence.config };
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
