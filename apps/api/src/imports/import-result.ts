// The shapes of the import response live in @app/contracts (shared with the web app).
export type { ImportResult, ImportRowError as ImportResultError } from '@app/contracts';
