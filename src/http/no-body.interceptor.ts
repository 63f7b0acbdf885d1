import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DomainException } from '../problems/error-code.js';
import { isPageRequest } from './pages.js';

/**
 * An API route without a @Body() never shows its body to the validation pipe, so fields sent to
 * it would be accepted without a word (POST /api/duos/{id}/admission {"x":1}): they are refused
 * as the unknown fields they are. An empty object says nothing and passes. Pages are left alone:
 * every form sends its CSRF token, read by the access guard.
 */
@Injectable()
export class NoBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isPageRequest(request) && !takesBody(context)) {
      const errors = unexpectedFields(request.body);
      if (errors.length) {
        const summary = errors.map(({ message }) => message).join('; ');
        throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${summary}.`, errors);
      }
    }
    return next.handle();
  }
}

function takesBody(context: ExecutionContext): boolean {
  const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

function unexpectedFields(body: unknown): { field: string; message: string }[] {
  if (body === undefined) return [];
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    return [{ field: 'body', message: 'this route takes no body' }];
  }
  return Object.keys(body).map((field) => ({ field, message: `property ${field} should not exist` }));
}
