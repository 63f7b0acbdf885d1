import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module.js';
import { DatabaseAvailability } from './database/database-availability.js';
import type { LogFormat, LogLevel } from './config/environment.js';
import { AppLogger, createLogger, logRequests, type LoggingOptions } from './logging/logging.js';
import { EvidenceConfig, HttpConfig, readConfig, trustProxyOption } from './config/environment.js';
import { AuthService } from './auth/auth.service.js';
import { signInBeforeBody } from './auth/sign-in-first.js';
import { acceptBodies } from './http/bodies.js';
import { openApiDocument } from './http/openapi.js';
import { addResponseHeaders } from './http/response-headers.js';
import { cutOffStalledBodies } from './http/stalled-bodies.js';
import { WEB_PAGES } from './http/pages.js';
import { keepPageStatus } from './web/page.js';
import { PageProblems, ProblemDetailsFilter } from './problems/problem-details.filter.js';
import { createValidationPipe } from './http/validation.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/**
 * The app as it runs in production and in the end-to-end tests: Fastify, JSON logs with a
 * request id (taken from X-Request-Id when sent, and returned in it), the one validation
 * pipe, problem details for every error, and the OpenAPI document at /api/docs.
 */
export interface AppOptions {
  /** Build the module graph only, without connecting to the database (for the OpenAPI document). */
  preview?: boolean;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: LoggingOptions['stream'];
  logFormat?: LogFormat;
}

export async function createApp(logLevel: LogLevel, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const timeouts = readConfig(HttpConfig);
  const adapter = new FastifyAdapter({
    // Slow clients: headers within seconds, a body that stalls cut off (stalled-bodies.ts), and the
    // whole request within a cap long enough for the largest attachment.
    // Node checks the headers and request timeouts every connectionsCheckingInterval (30 s by default).
    http: { headersTimeout: timeouts.HTTP_HEADERS_TIMEOUT_SECONDS * 1000, connectionsCheckingInterval: 1000 },
    requestTimeout: timeouts.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    // request.ip, which the sign-in throttle counts by, comes from X-Forwarded-For only from trusted proxies.
    trustProxy: trustProxyOption(timeouts.TRUST_PROXY),
    // One logger (src/logging) writes the request lines and the app's own.
    logger: false,
    genReqId: (request: IncomingMessage) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
  });
  const logger = createLogger({ level: logLevel, format: options.logFormat, stream: options.logStream });
  if (!options.preview) logRequests(adapter.getInstance(), logger);
  adapter.getInstance().addHook('onSend', addResponseHeaders);
  adapter.getInstance().addHook('onSend', keepPageStatus);
  cutOffStalledBodies(adapter.getInstance(), timeouts.HTTP_IDLE_TIMEOUT_SECONDS * 1000);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.preview ? false : new AppLogger(logger),
    preview: options.preview,
    abortOnError: false,
    // The body parsers are all in src/http/bodies.ts.
    bodyParser: false,
  });
  // Asked for at the first request, not here: an app built only for its OpenAPI document (preview) has no instances.
  let auth: AuthService | undefined;
  await acceptBodies(app, readConfig(EvidenceConfig).ATTACHMENT_MAX_BYTES, (fastify) =>
    signInBeforeBody(fastify, (request) => (auth ??= app.get<AuthService>(AuthService)).sessionOf(request)),
  );
  app.setGlobalPrefix('api', { exclude: ['health', ...WEB_PAGES] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(options.preview ? new ProblemDetailsFilter() : new ProblemDetailsFilter(app.get(DatabaseAvailability), app.get(PageProblems)));
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
