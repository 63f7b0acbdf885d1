import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module.js';
import { EvidenceConfig, readConfig, type LogLevel } from './config/environment.js';
import { acceptFileBodies } from './http/file-body.js';
import { acceptFileForms, MAX_FORM_BYTES, parseFormBody } from './http/form-body.js';
import { parseJsonBody } from './http/json-body.js';
import { openApiDocument } from './http/openapi.js';
import { WEB_PAGES } from './http/pages.js';
import { ProblemDetailsFilter } from './problems/problem-details.filter.js';
import { createValidationPipe } from './problems/validation.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;
const MAX_BODY_BYTES = 1024 * 1024;
/** Long enough for an attachment of ATTACHMENT_MAX_BYTES on a slow mobile connection. */
const REQUEST_TIMEOUT_MS = 5 * 60 * 1000;

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

/**
 * The app as it runs in production and in the end-to-end tests: Fastify, JSON logs with a
 * request id (taken from X-Request-Id when sent, and returned in it), the one validation
 * pipe, problem details for every error, and the OpenAPI document at /api/docs.
 */
export interface AppOptions {
  /** Build the module graph only, without connecting to the database (for the OpenAPI document). */
  preview?: boolean;
  /** Where the request log goes instead of standard output (tests read it). */
  logStream?: { write(line: string): void };
}

export async function createApp(logLevel: LogLevel, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // A client that stops sending halfway (an upload, say) does not hold its request forever.
    requestTimeout: REQUEST_TIMEOUT_MS,
    logger: { level: logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: (request: IncomingMessage) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
  });
  // The API speaks JSON; a text/plain body gets 415 instead of reaching validation as a string (file-body.ts).
  adapter.getInstance().removeContentTypeParser('text/plain');
  const { ATTACHMENT_MAX_BYTES } = readConfig(EvidenceConfig);
  acceptFileBodies(adapter.getInstance(), ATTACHMENT_MAX_BYTES);
  acceptFileForms(adapter.getInstance(), ATTACHMENT_MAX_BYTES);
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: createLogger(logLevel),
    preview: options.preview,
    abortOnError: false,
  });
  app.useBodyParser('application/json', { bodyLimit: MAX_BODY_BYTES }, parseJsonBody);
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: MAX_FORM_BYTES }, parseFormBody);
  app.setGlobalPrefix('api', { exclude: ['health', ...WEB_PAGES] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** JSON lines, one per entry, at the configured level. */
export function createLogger(logLevel: LogLevel): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: NEST_LEVELS[logLevel] });
}
