import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open meetings (DOMAIN.md, "Open meetings"): a series (the Transitiearena, a study day) and its
 * meetings, people's registrations for single meetings without an account, the attempts the
 * public form's throttle counts, and the key that signs the form's start time.
 */
export class OpenMeetings1766200000000 implements MigrationInterface {
  name = 'OpenMeetings1766200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE meeting_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        organiser text NOT NULL,
        co_organisers text[] NOT NULL DEFAULT '{}',
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        contact_phone text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES meeting_series (id) ON DELETE CASCADE,
        date date NOT NULL,
        start_time time NOT NULL,
        end_time time NOT NULL CHECK (end_time > start_time),
        location_name text NOT NULL,
        address text NOT NULL,
        route_description text NOT NULL DEFAULT '',
        theme text NOT NULL,
        questions text[] NOT NULL DEFAULT '{}',
        programme jsonb NOT NULL DEFAULT '[]',
        capacity int CHECK (capacity > 0),
        registration_deadline date NOT NULL CHECK (registration_deadline <= date),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX meetings_series ON meetings (series_id, date)');
    await db.query(`
      CREATE TABLE meeting_downloads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        file_name text NOT NULL,
        content_type text NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX meeting_downloads_meeting ON meeting_downloads (meeting_id)');
    // Personal data (name ... lunch_wishes, the cancel link's hash) is emptied on erasure; what the counts need stays.
    await db.query(`
      CREATE TABLE meeting_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
        name text,
        organisation text,
        organisation_kind text NOT NULL,
        role text,
        email text,
        phone text,
        lunch_wishes text,
        came_before boolean NOT NULL,
        cancel_token_hash text UNIQUE,
        attended boolean NOT NULL DEFAULT false,
        registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        cancelled_at timestamptz,
        erased_at timestamptz
      )`);
    await db.query(
      "CREATE UNIQUE INDEX meeting_registrations_once ON meeting_registrations (meeting_id, lower(email)) WHERE status <> 'cancelled' AND email IS NOT NULL",
    );
    await db.query('CREATE INDEX meeting_registrations_meeting ON meeting_registrations (meeting_id, status, registered_at)');
    await db.query('CREATE INDEX meeting_registrations_email ON meeting_registrations (lower(email)) WHERE email IS NOT NULL');
    await db.query(`
      CREATE TABLE meeting_registration_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL,
        address text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX meeting_registration_attempts_email ON meeting_registration_attempts (lower(email), attempted_at)');
    await db.query('CREATE INDEX meeting_registration_attempts_address ON meeting_registration_attempts (address, attempted_at)');
    await db.query('CREATE TABLE meeting_form_key (key text NOT NULL)');
    await db.query("INSERT INTO meeting_form_key (key) VALUES (encode(sha256((gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text)::bytea), 'hex'))");
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE meeting_form_key');
    await db.query('DROP TABLE meeting_registration_attempts');
    await db.query('DROP TABLE meeting_registrations');
    await db.query('DROP TABLE meeting_downloads');
    await db.query('DROP TABLE meetings');
    await db.query('DROP TABLE meeting_series');
  }
}
