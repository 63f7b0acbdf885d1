import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage, isUUID } from 'class-validator';
import { UuidParamDto } from './uuid-param.dto.js';
import { DomainException, type FieldError } from '../problems/error-code.js';

/** NUL and unpaired UTF-16 surrogates: PostgreSQL cannot store them in text or jsonb. */
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * The one validation pipe of the app (and of its tests): unknown fields are refused, and so is
 * text that PostgreSQL cannot store, in any field or key, before class-validator sees it.
 * The commonest argument, a path that holds only a valid `{id}` (UuidParamDto), passes by the
 * same rule without a class instance being built from it and validated; anything else about it
 * (a malformed id, more parameters) takes the whole way, and gets its errors there.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype === UuidParamDto && isOnlyAValidId(value)) return Object.assign(new UuidParamDto(), value);
    const field = unstorableTextAt(value, '');
    if (field !== undefined) {
      const message = `${field || 'the value'} contains a character that cannot be stored (a NUL character or half of a UTF-16 pair)`;
      throw new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field: field || metadata.type, message }]);
    }
    return super.transform(value, metadata);
  }
}

/** `{ id }` and nothing else, the id a UUID as UuidParamDto's rule has it. */
function isOnlyAValidId(value: unknown): value is { id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id' && isUUID((value as { id: unknown }).id, 'all');
}

export function unstorableTextAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  // A file (attachments) is bytes, not text: there is nothing to look for in it.
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return at;
    const found = unstorableTextAt(inner, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * class-validator looks a class's rules up anew on every validation, and scans every class with
 * rules for the class's ancestors to do so: a cost on every request with a body, a query or a
 * path parameter. The rules are declared when the classes load and never change after, so each
 * class's lookup (for each way of asking) is kept after the first.
 */
function rememberValidationRules(): void {
  const storage = getMetadataStorage();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const remembered = new WeakMap<object, Map<string, ReturnType<typeof lookUp>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\n${always}\n${strictGroups}\n${groups?.join('\n') ?? ''}`;
    let lookups = remembered.get(target);
    if (!lookups) remembered.set(target, (lookups = new Map()));
    let rules = lookups.get(key);
    if (!rules) lookups.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
}

let rulesRemembered = false;

export function createValidationPipe(): ValidationPipe {
  if (!rulesRemembered) {
    rememberValidationRules();
    rulesRemembered = true;
  }
  return new AppValidationPipe({
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
