import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainException, type FieldError } from './error-code.js';

/** The one validation pipe of the app (and of its tests): unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fieldErrors = errors.flatMap((error) => flatten(error, ''));
      const summary = fieldErrors.map(({ message }) => message).join('; ');
      return new DomainException('VALIDATION_FAILED', `The request is not valid: ${summary}.`, fieldErrors);
    },
  });
}

function flatten(error: ValidationError, parent: string): FieldError[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({
    field,
    message: message.replace(error.property, field),
  }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}
