import { Injectable } from '@nestjs/common';
import type { Principal } from '../shared/roles.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { InviteStaffDto } from '../accounts/dto/accounts.dto.js';
import type { FormFields } from '../http/form-body.js';
import { readForm, refusal, refusalStatus, text } from './forms.js';
import { page, redirect, type PageData, type PageResult } from './page.js';

/** The admins' page of accounts: who has one, inviting advisers and admins, disabling an account. */
@Injectable()
export class AccountPagesService {
  constructor(private readonly accounts: AccountsService) {}

  async list(principal: Principal, form: Partial<PageData> = {}, status = 200): Promise<PageResult> {
    return page('accounts', { title: 'Accounts', principal, accounts: await this.accounts.list(), ...form }, status);
  }

  /** The invitation's link is shown once, on the page that answers the form: only its hash is stored. */
  async invite(principal: Principal, fields: FormFields): Promise<PageResult> {
    const form = await readForm(InviteStaffDto, { name: text(fields, 'name'), email: text(fields, 'email').trim(), role: text(fields, 'role') });
    if (!form.ok) return this.list(principal, { form: 'uitnodiging', values: fields, errors: form.errors }, 400);
    try {
      const invited = await this.accounts.inviteStaff(form.value, principal);
      return this.list(principal, { form: 'uitnodiging', invitation: { email: invited.account.email, url: invited.invitation.url } });
    } catch (error) {
      return this.list(principal, { form: 'uitnodiging', values: fields, problem: refusal(error) }, refusalStatus(error));
    }
  }

  /** A pending account's invitation again: a new link, mailed and shown once; the old link no longer works. */
  async resend(id: string, principal: Principal): Promise<PageResult> {
    try {
      const invited = await this.accounts.resendInvitation(id, principal);
      return this.list(principal, { form: 'status', invitation: { email: invited.account.email, url: invited.invitation.url, resent: true } });
    } catch (error) {
      return this.list(principal, { form: 'status', problem: refusal(error) }, refusalStatus(error));
    }
  }

  async setDisabled(id: string, principal: Principal, disabled: boolean): Promise<PageResult> {
    try {
      await this.accounts.setDisabled(id, disabled, principal);
    } catch (error) {
      return this.list(principal, { form: 'status', problem: refusal(error) }, refusalStatus(error));
    }
    return redirect(`/beheer/accounts?opgeslagen=${disabled ? 'geblokkeerd' : 'vrijgegeven'}`);
  }
}
