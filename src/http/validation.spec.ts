import { UuidParamDto } from './uuid-param.dto.js';
import { DomainException } from '../problems/error-code.js';
import { createValidationPipe } from './validation.js';

/** The path's `{id}`, checked by its rule whichever way the pipe takes. */
describe('the validation pipe, for an id in the path', () => {
  const pipe = createValidationPipe();
  const asParam = (value: unknown) => pipe.transform(value, { type: 'param', metatype: UuidParamDto });
  const refusal = (value: unknown) =>
    asParam(value).then(
      () => undefined,
      (error: unknown) => (error instanceof DomainException ? { code: error.code, message: error.message } : error),
    );

  it('passes a UUID as a UuidParamDto holding it', async () => {
    const passed = await asParam({ id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
    expect(passed).toBeInstanceOf(UuidParamDto);
    expect(passed).toEqual({ id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
  });

  it('refuses what is no UUID, saying so', async () => {
    for (const id of ['123', '1b4e28ba-2fa1-11d2-883f-0016d3cca42', '', 'zzzzzzzz-2fa1-11d2-883f-0016d3cca427']) {
      expect(await refusal({ id })).toEqual({ code: 'VALIDATION_FAILED', message: 'The request is not valid: id must be a UUID.' });
    }
  });

  it('refuses parameters beside the id', async () => {
    expect(await refusal({ id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', other: 'x' })).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid: property other should not exist.',
    });
  });
});
