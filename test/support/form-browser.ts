import type { Server } from 'node:http';
import request from 'supertest';
import { PASSWORD } from './test-app.js';

/**
 * A browser over HTTP, as the Dutch pages are used without one: no cookie (someone not signed
 * in), or the session cookie it got from /inloggen; forms are posted as a browser posts them.
 */
export function formBrowser(server: () => Server, cookie?: string) {
  const withCookie = <T extends request.Test>(call: T): T => (cookie ? (call.set('cookie', cookie) as T) : call);
  return {
    get: (path: string) => withCookie(request(server()).get(path)),
    /** A form as a browser posts it (application/x-www-form-urlencoded), field names as the page renders them. */
    post: (path: string, fields: Record<string, string>) =>
      withCookie(request(server()).post(path))
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(fields).toString()),
    /** A form with a file (multipart/form-data), as the attachment form sends it. */
    upload: (path: string, fields: Record<string, string>, file: { fileName: string; contentType: string; content: Buffer }) => {
      let call = withCookie(request(server()).post(path));
      for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
      return call.attach('file', file.content, { filename: file.fileName, contentType: file.contentType });
    },
    /** A body as written here, byte for byte: what no browser sends. */
    raw: (path: string, contentType: string, body: string) => withCookie(request(server()).post(path)).set('content-type', contentType).send(body),
  };
}

export type FormBrowser = ReturnType<typeof formBrowser>;

/** Signs in on the sign-in page and gives the browser that carries the session cookie it set. */
export async function signedInFormBrowser(server: () => Server, person: { email: string }): Promise<FormBrowser> {
  const response = await formBrowser(server).post('/inloggen', { email: person.email, password: PASSWORD }).expect(303);
  return formBrowser(server, sessionCookieIn(response.headers['set-cookie']));
}

/** "tk_session=<token>", as the browser sends it back, from the Set-Cookie of a sign-in. */
export function sessionCookieIn(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((line) => line.startsWith('tk_session='));
  if (!header) throw new Error(`No tk_session cookie in ${JSON.stringify(setCookie)}`);
  return header.split(';')[0];
}

/** The CSRF token a page rendered into its forms. */
export function csrfIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no form with a _csrf field');
  return token;
}

/** What the form that posts to `action` sends as it stands: its inputs' values, its text areas' text and its lists' chosen options. */
export function formFields(html: string, action: string): Record<string, string> {
  const form = html.split(`action="${action}"`)[1]?.split('</form>')[0];
  if (form === undefined) throw new Error(`The page has no form that posts to ${action}`);
  const unescaped = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const inputs = [...form.matchAll(/<input\b[^>]*>/g)].map(([tag]) => [/name="([^"]+)"/.exec(tag)?.[1], /value="([^"]*)"/.exec(tag)?.[1] ?? ''] as const);
  const areas = [...form.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)].map(([, name, text]) => [name, text] as const);
  const selects = [...form.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)].map(([, name, options]) => [name, /<option value="([^"]*)" selected/.exec(options)?.[1] ?? ''] as const);
  return Object.fromEntries([...inputs, ...areas, ...selects].filter(([name]) => name).map(([name, value]) => [name, unescaped(value.replace(/^\n/, ''))]));
}
