import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isPageRequest } from '../http/pages.js';
import type { DomainException } from '../problems/error-code.js';
import { PageProblems } from '../problems/problem-details.filter.js';
import { page, redirect, respond } from './page.js';
import { errorMessage } from './words.js';

const HEADINGS: Partial<Record<number, string>> = {
  400: 'Dit verzoek klopt niet',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  413: 'Te groot',
  415: 'Niet ondersteund',
  422: 'Dat kan niet',
  429: 'Even wachten',
  500: 'Er ging iets mis',
  503: 'Even niet bereikbaar',
};

/**
 * An error on a page, as a person reads it: without a session, to the sign-in page and back;
 * otherwise a page in Dutch with the status, and the request id where we must look it up.
 */
function sendPageProblem(request: FastifyRequest, reply: FastifyReply, error: DomainException, status: number): FastifyReply {
  if (error.code === 'UNAUTHENTICATED') {
    const back = request.method === 'GET' ? `?terug=${encodeURIComponent(request.url)}` : '';
    return respond(reply, redirect(`/inloggen${back}`));
  }
  const problem = page(
    'problem',
    {
      title: HEADINGS[status] ?? 'Dat lukte niet',
      heading: HEADINGS[status] ?? 'Dat lukte niet',
      message: errorMessage(error),
      requestId: status >= 500 ? String(request.id) : undefined,
      // A form refused before it could be read (too large, malformed): what was typed is still in the browser.
      fromForm: request.method === 'POST',
      principal: request.principal,
    },
    status,
  );
  return respond(reply, problem);
}

/** The pages' answer to errors, which the app's exception filter asks for (app.factory.ts). */
@Injectable()
export class WebPageProblems extends PageProblems {
  isPageRequest(request: FastifyRequest): boolean {
    return isPageRequest(request);
  }

  send(request: FastifyRequest, reply: FastifyReply, error: DomainException, status: number): FastifyReply {
    return sendPageProblem(request, reply, error, status);
  }
}
