import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The agenda feeds (`agenda_feeds`): one per adviser, kept as a hash of the token in its address. */
@Injectable()
export class AgendaFeedRepository {
  /** Makes the account's feed address, or replaces it: the old token stops working in the same statement. */
  async replace(em: EntityManager, accountId: string, tokenHash: string): Promise<Date> {
    const [row]: { created_at: Date }[] = await em.query(
      `INSERT INTO agenda_feeds (account_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now() RETURNING created_at`,
      [accountId, tokenHash],
    );
    return row.created_at;
  }

  /** Whether there was a feed to revoke. */
  async revoke(em: EntityManager, accountId: string): Promise<boolean> {
    // Through a SELECT: TypeORM answers a bare DELETE ... RETURNING with the rows and a count.
    const [row]: { revoked: number }[] = await em.query(
      'WITH gone AS (DELETE FROM agenda_feeds WHERE account_id = $1 RETURNING 1) SELECT count(*)::int AS revoked FROM gone',
      [accountId],
    );
    return row.revoked > 0;
  }

  async createdAt(em: EntityManager, accountId: string): Promise<Date | null> {
    const [row]: { created_at: Date }[] = await em.query('SELECT created_at FROM agenda_feeds WHERE account_id = $1', [accountId]);
    return row?.created_at ?? null;
  }

  async accountOf(em: EntityManager, tokenHash: string): Promise<string | null> {
    const [row]: { account_id: string }[] = await em.query('SELECT account_id FROM agenda_feeds WHERE token_hash = $1', [tokenHash]);
    return row?.account_id ?? null;
  }
}
