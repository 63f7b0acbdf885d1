import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.js';
import { ConfirmPasswordResetDto, RequestPasswordResetDto } from './dto/password-reset.dto.js';
import { PasswordResetsService } from './password-resets.service.js';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetsController {
  constructor(private readonly resets: PasswordResetsService) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'Always, whether or not an account belongs to the address: when one does (and it is active), a single-use link is mailed to it.',
  })
  request(@Body() dto: RequestPasswordResetDto, @Req() request: FastifyRequest): Promise<void> {
    return this.resets.request(dto.email.trim(), request.ip);
  }

  @Post('confirm')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The new password is set, the link used, and every session of the account ended.' })
  confirm(@Body() dto: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.password);
  }
}
