import { applyDecorators, type CallHandler, Controller, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import type { FastifyReply } from 'fastify';
import { answerWith, Page, Redirect } from './page.js';

/**
 * Renders what a page route returns: a Page or a Redirect becomes the HTTP answer with the page
 * headers. Anything else (the stylesheet) goes out as Nest sends it. A handler's exception
 * passes through untouched, to the exception filter that answers it as a page in Dutch.
 */
@Injectable()
export class PageResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(map((result: unknown) => (result instanceof Page || result instanceof Redirect ? answerWith(reply, result) : result)));
  }
}

/** A controller of web pages: its routes return pages, and it stays out of the API's OpenAPI document. */
export function PageController(path = '/'): ClassDecorator {
  return applyDecorators(ApiExcludeController(), Controller(path), UseInterceptors(PageResultInterceptor));
}
