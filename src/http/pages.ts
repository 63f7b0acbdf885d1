import type { FastifyRequest } from 'fastify';

/**
 * Where the web pages are (src/web): everything outside /api and /health. WEB_PAGES lists the
 * pages' own paths, which the global /api prefix leaves alone; everything else under them that
 * is not a page (an unknown address) is still answered as a page, in Dutch.
 */
export const WEB_PAGES = ['/', 'inloggen', 'uitloggen', 'uitnodiging', 'wachtwoord-vergeten', 'wachtwoord-herstellen', 'mijn-traject', 'mijn-werk', 'mijn-werk/*path', 'agenda/*path', 'assets/*path', 'edities', 'edities/*path', 'trajecten/*path', 'beheer/*path', 'reeksen', 'reeksen/*path', 'bijeenkomsten/*path'];

export function isPageRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  return !/^\/(api|health)(\/|\?|$)/.test(request.url);
}
