/**
 * What a lost database looks like from node-postgres and TypeORM: the server's own codes when it
 * shuts a connection down (57P01 admin_shutdown, terminated backends, class 08 connection
 * exceptions, too many connections) and the socket errors of a server that is gone.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

function* causes(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const record = current as Record<string, unknown>;
    yield record;
    // TypeORM's QueryFailedError keeps the driver's error in driverError.
    current = record.driverError ?? record.cause;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const record of causes(error)) {
    const code = typeof record.code === 'string' ? record.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (typeof record.message === 'string' && UNAVAILABLE_MESSAGES.test(record.message)) return true;
    // AggregateError of a refused connection to every address of the host.
    if (Array.isArray(record.errors) && record.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

/** A value PostgreSQL refused as data (class 22: out of range, bad date, NUL in text), or a statement too deep. */
export function isInvalidDatabaseValue(error: unknown): boolean {
  for (const record of causes(error)) {
    const code = typeof record.code === 'string' ? record.code : '';
    if (/^22[0-9A-Z]{3}$/.test(code) || code === '54001') return true;
  }
  return false;
}
