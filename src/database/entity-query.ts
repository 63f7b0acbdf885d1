import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import { preparedQuery } from './prepared.js';

/** The SELECT of every column of an entity's table, made once per entity and tail, with the columns it reads. */
interface MadeQuery {
  text: string;
  columns: ColumnMetadata[];
}

/**
 * Entities read with one SQL text made once (a prepared statement), instead of TypeORM's find:
 * find builds its SQL anew from the entity's metadata on every call, which was an eighth of the
 * CPU of a duo page. The rows become entities as find makes them: an instance of the entity's
 * class, each column's value hydrated by the driver (its type and transformer), so a caller
 * cannot tell them apart (test/database/entity-query.integration-spec.ts).
 * `tail` follows `FROM table`: the WHERE, ORDER BY and locking clauses, with $n parameters and
 * the columns' names in the table.
 */
export function entityQuery<T extends ObjectLiteral>(entity: new () => T, tail: string): (em: EntityManager, values: unknown[]) => Promise<T[]> {
  const made = new WeakMap<EntityMetadata, MadeQuery>();
  return async (em, values) => {
    const metadata = em.connection.getMetadata(entity);
    let query = made.get(metadata);
    if (!query) {
      const columns = metadata.columns.filter((column) => !column.isVirtual);
      query = { columns, text: `SELECT ${columns.map((column) => `"${column.databaseName}"`).join(', ')} FROM "${metadata.tableName}" ${tail}` };
      made.set(metadata, query);
    }
    const rows = await preparedQuery(em, query.text, values);
    const driver = em.connection.driver;
    return rows.map((row) => {
      const read = metadata.create(em.queryRunner, { fromDeserializer: true }) as T;
      for (const column of (query as MadeQuery).columns) column.setEntityValue(read, driver.prepareHydratedValue(row[column.databaseName], column));
      return read;
    });
  };
}
