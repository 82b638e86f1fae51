import { ObjectLiteral, Repository } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Entities read by hand-written SQL, for the few hot reads where one statement must bring several tables (TypeORM's
 * finds would take a round trip each). The column lists come from the entity metadata, so they follow the entities.
 */

/** The SQL expression of a column as the entity holds it: dates as 'YYYY-MM-DD' text, enum arrays as text arrays. */
function columnExpression(column: ColumnMetadata, alias: string): string {
  const expression = `${alias}.${column.databaseName}`;
  if (column.type === 'date') return `${expression}::text`;
  if (column.isArray && column.type === 'enum') return `${expression}::text[]`;
  return expression;
}

/** `json_build_object('property', alias.column, ...)`, to nest rows of the entity in another row. */
export function entityJsonObject<T extends ObjectLiteral>(repository: Repository<T>, alias: string): string {
  return `json_build_object(${repository.metadata.columns.map((column) => `'${column.propertyName}', ${columnExpression(column, alias)}`).join(', ')})`;
}

/** An entity from `entityJsonObject`'s JSON: timestamps come back as Dates (JSON carries them as text). */
export function entityFromJson<T extends ObjectLiteral>(repository: Repository<T>, json: Record<string, unknown>): T {
  const values: Record<string, unknown> = { ...json };
  for (const column of repository.metadata.columns) {
    const value = values[column.propertyName];
    if (typeof value === 'string' && (column.type === 'timestamptz' || column.type === 'timestamp with time zone')) {
      values[column.propertyName] = new Date(value);
    }
  }
  return repository.create(values as T);
}
