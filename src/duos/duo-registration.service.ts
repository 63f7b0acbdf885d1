import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CohortsService } from '../cohorts/cohorts.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { DomainException } from '../problems/error-code.js';
import type { ChangeHeaders } from '../shared/change.js';
import type { Actor } from '../shared/roles.js';
import type { Cohort } from '../cohorts/cohort.entity.js';
import type { Duo } from './duo.entity.js';
import { dayHasPassed } from '../shared/dates.js';
import { programmeOf } from '../cohorts/cohort-programme.js';
import { DuoRepository } from './duo.repository.js';
import { ensureUnitRegistered, type UnitRegistration } from './enrolled-unit.js';
import { DuoView, RegistrationReceiptView } from './duo.view.js';
import { DuosService } from './duos.service.js';
import type { PublicationConsentDto } from './dto/publication-consent.dto.js';
import type { PublicRegistrationDto, RegisterDuoDto } from './dto/register-duo.dto.js';
import { TrajectoryWriter, type Registration } from './trajectory-writer.js';
import { newContactPerson } from './contact-persons.service.js';

const UNIQUE_VIOLATION = '23505';

/** Registration: a duo enters a cohort (by staff or through the public form), and what it agreed to about publication. */
@Injectable()
export class DuoRegistrationService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly cohorts: CohortsService,
    private readonly writer: TrajectoryWriter,
    private readonly repository: DuoRepository,
    private readonly duos: DuosService,
    private readonly audit: AuditService,
  ) {}

  /** The public registration form: a contact person per side (and any others), and the attendance obligation accepted. */
  registerPublicly(cohortId: string, dto: PublicRegistrationDto, headers: ChangeHeaders): Promise<RegistrationReceiptView> {
    const { municipalityContact, providerContact, otherContactPersons = [], acceptsAttendanceObligation, ...duo } = dto;
    const contactPersons = [
      { side: 'municipality' as const, ...municipalityContact },
      ...(providerContact ? [{ side: 'provider' as const, ...providerContact }] : []),
      ...otherContactPersons,
    ];
    const publicForm = { providerContact: providerContact !== undefined, acceptsAttendanceObligation: acceptsAttendanceObligation === true };
    return this.register(cohortId, { ...duo, contactPersons }, headers, publicForm).then(RegistrationReceiptView.of);
  }

  /**
   * A duo registers: through the public form (`obligationAccepted`), or entered by an adviser.
   * After the deadline only an adviser can, and only in an edition entered after it ran.
   */
  register(cohortId: string, dto: RegisterDuoDto, headers: ChangeHeaders, publicForm?: UnitRegistration['publicForm']): Promise<DuoView> {
    const scope = `cohorts/${cohortId}/duos`;
    return this.idempotency.run({ caller: headers.actor, scope, idempotencyKey: headers.idempotencyKey, body: dto }, async (em) => {
      const cohort = await this.cohorts.find(em, cohortId, 'share');
      if (publicForm) ensureUnitRegistered(programmeOf(cohort), { provider: dto.provider ?? '', contactPersons: dto.contactPersons, publicForm });
      const duo = await this.registerIn(em, cohort, dto, headers.actor, publicForm !== undefined);
      return this.duos.view(em, duo.id);
    });
  }

  /** One registration inside a change's transaction (`cohort` found in it, share-locked): also each row of an import. */
  async registerIn(em: EntityManager, cohort: Cohort, dto: RegisterDuoDto, actor: Actor, obligationAccepted = false): Promise<Duo> {
    const enteredByAdviser = !obligationAccepted && cohort.enteredAfterwards;
    if (dayHasPassed(cohort.registrationDeadline) && !enteredByAdviser) throw registrationClosed(cohort);
    ensureUnitRegistered(programmeOf(cohort), { provider: dto.provider ?? '', contactPersons: dto.contactPersons });
    const registration: Registration = {
      municipality: dto.municipality.trim(),
      provider: (dto.provider ?? '').trim(),
      contactPersons: dto.contactPersons.map(newContactPerson),
      collectiveServices: dto.collectiveServices,
      questions: dto.questions ?? '',
      expectations: dto.expectations ?? '',
    };
    return this.writer.start(em, cohort, registration, obligationAccepted, actor).catch((error) => {
      throw isUniqueViolation(error)
        ? new DomainException(
            'DUO_ALREADY_REGISTERED',
            registration.provider
              ? `${registration.municipality} and ${registration.provider} are already registered as a duo in this cohort.`
              : `${registration.municipality} is already registered in this cohort.`,
            { params: { municipality: registration.municipality, provider: registration.provider } },
          )
        : error;
    });
  }

  /** Whether the duo may be named in published reports; an adviser records what the duo agreed. */
  setPublicationConsent(id: string, dto: PublicationConsentDto, headers: ChangeHeaders): Promise<DuoView> {
    return this.writer.change(id, 'publication-consent', headers, dto, async (em, duo) => {
      await this.repository.setNamedInPublications(em, id, dto.namedInPublications);
      await this.audit.record(em, headers.actor, {
        action: 'duo.publication_consent',
        subjectType: 'duo',
        subjectId: id,
        details: { namedInPublications: dto.namedInPublications, before: duo.namedInPublications },
      });
    });
  }
}

/** Registration is over: after the deadline only an adviser entering an edition that already ran registers duos. */
export function registrationClosed(cohort: Cohort): DomainException<'REGISTRATION_CLOSED'> {
  return new DomainException('REGISTRATION_CLOSED', `Registration for cohort "${cohort.name}" closed at the end of ${cohort.registrationDeadline}.`, {
    params: { deadline: cohort.registrationDeadline },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}
