import { CreateTrajectorySchema1763800000000 } from './1763800000000-CreateTrajectorySchema.js';
import { CreateAccountsAndAccess1763900000000 } from './1763900000000-CreateAccountsAndAccess.js';
import { RegistrationAndPlaces1764000000000 } from './1764000000000-RegistrationAndPlaces.js';
import { PlannedSessions1764100000000 } from './1764100000000-PlannedSessions.js';
import { Outbox1764200000000 } from './1764200000000-Outbox.js';
import { Kwaliteitskompas1764300000000 } from './1764300000000-Kwaliteitskompas.js';
import { Reports1764400000000 } from './1764400000000-Reports.js';
import { CallerKeysAndRetention1765013000000 } from './1765013000000-CallerKeysAndRetention.js';
import { EditionProgrammes1765100000000 } from './1765100000000-EditionProgrammes.js';
import { SessionAttendance1765200000000 } from './1765200000000-SessionAttendance.js';
import { SessionKindsFromProgrammes1765300000000 } from './1765300000000-SessionKindsFromProgrammes.js';
import { CapsFromProgrammes1765400000000 } from './1765400000000-CapsFromProgrammes.js';
import { EditionsEnteredAfterwards1765500000000 } from './1765500000000-EditionsEnteredAfterwards.js';
import { FirstRecordedAttendance1765600000000 } from './1765600000000-FirstRecordedAttendance.js';
import { EvidencePublication1765700000000 } from './1765700000000-EvidencePublication.js';
import { AgendaFeeds1765800000000 } from './1765800000000-AgendaFeeds.js';
import { PasswordResets1765900000000 } from './1765900000000-PasswordResets.js';
import { ContactPersonIds1766000000000 } from './1766000000000-ContactPersonIds.js';
import { Inquiry1766100000000 } from './1766100000000-Inquiry.js';
import { InquiryDocuments1766100000001 } from './1766100000001-InquiryDocuments.js';
import { OpenMeetings1766200000000 } from './1766200000000-OpenMeetings.js';
import { CompassCounts1766300000000 } from './1766300000000-CompassCounts.js';
import { MeetingsCalledOff1766400000000 } from './1766400000000-MeetingsCalledOff.js';

/** Every migration, oldest first. Listed by hand so the built app and the tests load the same ones. */
export const MIGRATIONS = [
  CreateTrajectorySchema1763800000000,
  CreateAccountsAndAccess1763900000000,
  RegistrationAndPlaces1764000000000,
  PlannedSessions1764100000000,
  Outbox1764200000000,
  Kwaliteitskompas1764300000000,
  Reports1764400000000,
  CallerKeysAndRetention1765013000000,
  EditionProgrammes1765100000000,
  SessionAttendance1765200000000,
  SessionKindsFromProgrammes1765300000000,
  CapsFromProgrammes1765400000000,
  EditionsEnteredAfterwards1765500000000,
  FirstRecordedAttendance1765600000000,
  EvidencePublication1765700000000,
  AgendaFeeds1765800000000,
  PasswordResets1765900000000,
  ContactPersonIds1766000000000,
  Inquiry1766100000000,
  InquiryDocuments1766100000001,
  OpenMeetings1766200000000,
  CompassCounts1766300000000,
  MeetingsCalledOff1766400000000,
];
