import { DomainException } from '../problems/error-code.js';
import { fieldErrorsOf } from './forms.js';

describe('a refusal beside the fields it names', () => {
  const refused = (field: string, message: string) => new DomainException('VALIDATION_FAILED', `The request is not valid: ${message}.`, [{ field, message }]);

  it('says a rule a service checked in Dutch, by its field, with the bound its English message gives', () => {
    expect(fieldErrorsOf(refused('capacity', 'capacity must be at least 5: a cohort needs 5 duos to start'))).toEqual({ capacity: 'Dit getal is te klein: ten minste 5.' });
    expect(fieldErrorsOf(refused('capacity', 'capacity must be at most 1 duos'))).toEqual({ capacity: 'Dit getal is te groot: hoogstens 1.' });
    expect(fieldErrorsOf(refused('location', 'the intake records where it was held; give the location'))).toEqual({ location: 'Vul in waar het was.' });
    expect(fieldErrorsOf(refused('location', 'the advisory meeting records no location; leave it out'))).toEqual({
      location: 'Laat dit leeg: bij deze bijeenkomst wordt geen plek vastgelegd.',
    });
    expect(fieldErrorsOf(refused('kind', 'kind must be one of intake, advisoryMeeting'))).toEqual({ kind: 'Dit klopt niet; kijk het na.' });
  });

  it('puts any other refusal’s own message beside each field it names, and nothing for an error that is not a refusal', () => {
    const taken = new DomainException('CAPACITY_BELOW_PLACES_TAKEN', '6 places are taken.', { params: { capacity: 5, placesTaken: 6 }, errors: [{ field: 'capacity', message: '6 places are taken' }] });
    expect(Object.keys(fieldErrorsOf(taken))).toEqual(['capacity']);
    expect(fieldErrorsOf(taken).capacity).toContain('6');
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});
