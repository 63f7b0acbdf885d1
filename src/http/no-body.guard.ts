import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../problems/error-code.js';
import { isPageRequest } from './pages.js';

/**
 * An API route without a @Body() never shows its body to the validation pipe, so fields sent to
 * it would be accepted without a word (POST /api/duos/{id}/admission {"x":1}): they are refused
 * as the unknown fields they are. An empty object says nothing and passes. Pages are left alone:
 * every form sends its CSRF token, read by the access guard.
 * A guard, registered after the access guard (app.useGlobalGuards appends to the APP_GUARD), so
 * that who may not use the route hears that first; and no interceptor, which would wrap every
 * request in observables for a check this small.
 */
@Injectable()
export class NoBodyGuard implements CanActivate {
  /** Whether each handler takes a @Body(), looked up once. */
  private readonly takesBody = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.body === undefined || isPageRequest(request) || this.handlerTakesBody(context)) return true;
    const errors = unexpectedFields(request.body);
    if (errors.length) {
      const summary = errors.map(({ message }) => message).join('; ');
      throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${summary}.`, errors);
    }
    return true;
  }

  private handlerTakesBody(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let takes = this.takesBody.get(handler);
    if (takes === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      takes = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
      this.takesBody.set(handler, takes);
    }
    return takes;
  }
}

/** What a body sent to a route that takes none says (the guard asks only when one was sent). */
function unexpectedFields(body: unknown): { field: string; message: string }[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) {
    return [{ field: 'body', message: 'this route takes no body' }];
  }
  return Object.keys(body).map((field) => ({ field, message: `property ${field} should not exist` }));
}
