import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, DuoStaff, Public, SignedIn } from '../auth/access.js';
import { CurrentPrincipal } from '../auth/current-principal.js';
import { UuidParamDto } from '../http/uuid-param.dto.js';
import { AccountView, InvitedAccountView } from './account.view.js';
import { AccountsService } from './accounts.service.js';
import { AcceptInvitationDto, InviteContactPersonDto, InviteStaffDto, SetAccountStatusDto } from './dto/accounts.dto.js';
import type { Principal } from '../shared/roles.js';

@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('accounts/me')
  @SignedIn()
  @ApiOkResponse({ type: AccountView })
  me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.accounts.get(principal.accountId);
  }

  @Get('accounts')
  @AdminOnly()
  @ApiOkResponse({ type: [AccountView] })
  list(): Promise<AccountView[]> {
    return this.accounts.list();
  }

  @Get('accounts/:id')
  @AdminOnly()
  @ApiOkResponse({ type: AccountView })
  get(@Param() { id }: UuidParamDto): Promise<AccountView> {
    return this.accounts.get(id);
  }

  @Post('accounts')
  @AdminOnly()
  @ApiCreatedResponse({ type: InvitedAccountView, description: 'An adviser or admin account, with its invitation link.' })
  inviteStaff(@Body() dto: InviteStaffDto, @CurrentPrincipal() principal: Principal): Promise<InvitedAccountView> {
    return this.accounts.inviteStaff(dto, principal);
  }

  @Patch('accounts/:id')
  @AdminOnly()
  @ApiOkResponse({ type: AccountView })
  setStatus(@Param() { id }: UuidParamDto, @Body() dto: SetAccountStatusDto, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.accounts.setDisabled(id, dto.disabled, principal);
  }

  @Post('duos/:id/invitations')
  @DuoStaff()
  @ApiCreatedResponse({ type: InvitedAccountView, description: "A participant account for one of the duo's contact persons, with its invitation link." })
  inviteContactPerson(
    @Param() { id }: UuidParamDto,
    @Body() dto: InviteContactPersonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InvitedAccountView> {
    return this.accounts.inviteContactPerson(id, dto.email, principal);
  }

  @Post('invitations/accept')
  @Public()
  @ApiCreatedResponse({ type: AccountView, description: 'The password is set; sign in with it.' })
  acceptInvitation(@Body() dto: AcceptInvitationDto): Promise<AccountView> {
    return this.accounts.acceptInvitation(dto.token, dto.password);
  }
}
