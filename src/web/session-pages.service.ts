import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../accounts/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AcceptInvitationDto } from '../accounts/dto/accounts.dto.js';
import { AuthService, SESSION_COOKIE } from '../auth/auth.service.js';
import { SignInDto } from '../auth/dto/sign-in.dto.js';
import type { FormFields } from '../http/form-body.js';
import type { DomainException } from '../problems/error-code.js';
import { readForm, refusal, refusalStatus, text } from './forms.js';
import { localPath, page, redirect, type PageResult } from './page.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/;

/** Signing in and out with the session cookie, and accepting an invitation. */
@Injectable()
export class SessionPagesService {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  /** Where someone starts: advisers and admins at their cohorts, participants at their trajectory. */
  async home(request: FastifyRequest): Promise<PageResult> {
    const principal = await this.auth.authenticate(request);
    if (!principal) return redirect('/inloggen');
    return redirect(principal.role === 'participant' ? '/mijn-traject' : '/edities');
  }

  signInForm(returnTo: unknown): PageResult {
    return page('sign-in', { title: 'Inloggen', values: { terug: localPath(returnTo, '') } });
  }

  async signIn(request: FastifyRequest, fields: FormFields): Promise<PageResult> {
    const values = { email: text(fields, 'email'), terug: localPath(text(fields, 'terug'), '') };
    const form = await readForm(SignInDto, { email: values.email.trim(), password: text(fields, 'password') });
    if (!form.ok) return page('sign-in', { title: 'Inloggen', values, errors: form.errors }, 400);
    try {
      const session = await this.auth.signIn(form.value.email, form.value.password, request.ip);
      return redirect(values.terug || '/', sessionCookie(request, session.token, session.expiresAt));
    } catch (error) {
      // A wrong password is 401; too many of them 429, with the Retry-After of the API.
      return page('sign-in', { title: 'Inloggen', values, problem: refusal(error) }, refusalStatus(error), (error as DomainException).headers);
    }
  }

  async signOut(request: FastifyRequest, principal: Principal): Promise<PageResult> {
    await this.auth.signOut(principal);
    return redirect('/inloggen?uitgelogd=ja', expiredCookie(request));
  }

  invitationForm(token: unknown): PageResult {
    return page('invitation', { title: 'Uitnodiging aannemen', values: { token: typeof token === 'string' ? token : '' } });
  }

  async acceptInvitation(request: FastifyRequest, fields: FormFields): Promise<PageResult> {
    const token = text(fields, 'token');
    const password = text(fields, 'password');
    const title = 'Uitnodiging aannemen';
    const form = await readForm(AcceptInvitationDto, { token, password });
    if (!form.ok) return page('invitation', { title, values: { token }, errors: form.errors }, 400);
    if (password !== text(fields, 'repeat')) {
      return page('invitation', { title, values: { token }, errors: { repeat: 'De twee wachtwoorden zijn niet gelijk.' } }, 400);
    }
    try {
      const account = await this.accounts.acceptInvitation(token, password);
      const session = await this.auth.signIn(account.email, password, request.ip);
      return redirect('/', sessionCookie(request, session.token, session.expiresAt));
    } catch (error) {
      return page('invitation', { title, values: { token }, problem: refusal(error) }, refusalStatus(error));
    }
  }
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (no other site's form sends
 * it), and Secure except on plain http to this machine itself (development and the tests).
 */
function sessionCookie(request: FastifyRequest, token: string, expiresAt: string): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure(request)}`;
}

function expiredCookie(request: FastifyRequest): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure(request)}`;
}

function secure(request: FastifyRequest): string {
  return request.protocol === 'http' && LOOPBACK.test(request.host) ? '' : '; Secure';
}
