import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from '../shared/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AcceptInvitationDto } from '../accounts/dto/accounts.dto.js';
import { ConfirmPasswordResetDto, RequestPasswordResetDto } from '../accounts/dto/password-reset.dto.js';
import { PasswordResetsService } from '../accounts/password-resets.service.js';
import { AuthService } from '../auth/auth.service.js';
import { SignInDto } from '../auth/dto/sign-in.dto.js';
import type { FormFields } from '../http/form-body.js';
import type { DomainException } from '../problems/error-code.js';
import { readForm, refusal, refusalStatus, text } from './forms.js';
import { localPath, page, redirect, type PageResult } from './page.js';

const START_PAGES: Record<Role, string> = { adviser: '/mijn-werk', admin: '/edities', participant: '/mijn-traject' };

/** Signing in and out with the session cookie, accepting an invitation, and "wachtwoord vergeten". */
@Injectable()
export class SessionPagesService {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly passwordResets: PasswordResetsService,
  ) {}

  /** Where someone starts: advisers at their work, admins at the cohorts, participants at their trajectory. */
  async home(request: FastifyRequest): Promise<PageResult> {
    const principal = await this.auth.authenticate(request);
    if (!principal) return redirect('/inloggen');
    return redirect(START_PAGES[principal.role]);
  }

  signInForm(returnTo: unknown, notice: string | undefined): PageResult {
    return page('sign-in', { title: 'Inloggen', values: { terug: localPath(returnTo, '') }, notice });
  }

  async signIn(request: FastifyRequest, fields: FormFields): Promise<PageResult> {
    const values = { email: text(fields, 'email'), terug: localPath(text(fields, 'terug'), '') };
    const form = await readForm(SignInDto, { email: values.email.trim(), password: text(fields, 'password') });
    if (!form.ok) return page('sign-in', { title: 'Inloggen', values, errors: form.errors }, 400);
    try {
      const session = await this.auth.signIn(form.value.email, form.value.password, request.ip, this.auth.knownDeviceOf(request), { rememberDevice: true });
      const device = session.deviceToken ? [this.auth.knownDeviceCookie(session.deviceToken)] : [];
      return redirect(values.terug || '/', this.auth.sessionCookie(session), ...device);
    } catch (error) {
      // A wrong password is 401; too many of them 429, with the Retry-After of the API.
      return page('sign-in', { title: 'Inloggen', values, problem: refusal(error) }, refusalStatus(error), (error as DomainException).headers);
    }
  }

  async signOut(principal: Principal): Promise<PageResult> {
    await this.auth.signOut(principal);
    return redirect('/inloggen?melding=uitgelogd', this.auth.expiredCookie());
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
    let email: string;
    try {
      email = (await this.accounts.acceptInvitation(token, password)).email;
    } catch (error) {
      return page('invitation', { title, values: { token }, problem: refusal(error) }, refusalStatus(error));
    }
    try {
      return redirect('/', this.auth.sessionCookie(await this.auth.signIn(email, password, request.ip)));
    } catch {
      // The password is set; only signing in right away failed (too many failures from this address, say).
      return redirect('/inloggen?melding=wachtwoord-opgeslagen');
    }
  }

  passwordForgottenForm(): PageResult {
    return page('password-forgotten', { title: 'Wachtwoord vergeten' });
  }

  /** The same answer whether or not an account belongs to the address, and whether or not the request was throttled. */
  async requestPasswordReset(request: FastifyRequest, fields: FormFields): Promise<PageResult> {
    const title = 'Wachtwoord vergeten';
    const values = { email: text(fields, 'email') };
    const form = await readForm(RequestPasswordResetDto, { email: values.email.trim() });
    if (!form.ok) return page('password-forgotten', { title, values, errors: form.errors }, 400);
    await this.passwordResets.request(form.value.email, request.ip);
    return page('password-forgotten', {
      title,
      values,
      notice: `Als er een account bij ${form.value.email} hoort, ontvangt u een e-mail met een link om een nieuw wachtwoord te kiezen. De link werkt één keer en niet lang: gebruik hem snel. Geen e-mail gekregen? Kijk ook bij de ongewenste e-mail, of vraag het uw adviseur of de beheerder.`,
    });
  }

  passwordResetForm(token: unknown): PageResult {
    return page('password-reset', { title: 'Nieuw wachtwoord kiezen', values: { token: typeof token === 'string' ? token : '' } });
  }

  async resetPassword(fields: FormFields): Promise<PageResult> {
    const token = text(fields, 'token');
    const password = text(fields, 'password');
    const title = 'Nieuw wachtwoord kiezen';
    const form = await readForm(ConfirmPasswordResetDto, { token, password });
    if (!form.ok) return page('password-reset', { title, values: { token }, errors: form.errors }, 400);
    if (password !== text(fields, 'repeat')) {
      return page('password-reset', { title, values: { token }, errors: { repeat: 'De twee wachtwoorden zijn niet gelijk.' } }, 400);
    }
    try {
      await this.passwordResets.confirm(token, password);
    } catch (error) {
      return page('password-reset', { title, values: { token }, problem: refusal(error) }, refusalStatus(error));
    }
    return redirect('/inloggen?melding=wachtwoord-hersteld', this.auth.expiredCookie());
  }
}
