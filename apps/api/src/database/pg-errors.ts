const UNIQUE_VIOLATION = '23505';

/** A PostgreSQL unique-key violation, raised by pg directly or wrapped by TypeORM (QueryFailedError.driverError). */
export function isUniqueViolation(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return code === UNIQUE_VIOLATION || driverError?.code === UNIQUE_VIOLATION;
}
