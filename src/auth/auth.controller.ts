import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../shared/roles.js';
import { Public, SignedIn } from './access.js';
import { AuthService } from './auth.service.js';
import { CurrentPrincipal } from './current-principal.js';
import { SessionView, SignInDto } from './dto/sign-in.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView })
  @ApiTooManyRequestsResponse({ description: 'Too many failed sign-ins for this account or from this address; see Retry-After.' })
  signIn(@Body() dto: SignInDto, @Req() request: FastifyRequest): Promise<SessionView> {
    return this.auth.signIn(dto.email, dto.password, request.ip, this.auth.knownDeviceOf(request));
  }

  @Post('sign-out')
  @SignedIn()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is revoked; its token no longer works.' })
  signOut(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.signOut(principal);
  }
}
