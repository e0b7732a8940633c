import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type pg from 'pg';

/** One operation of the app's own OpenAPI document. */
export interface Operation {
  method: string;
  /** As the document names it: /api/v1/events/{id}. */
  path: string;
  key: string;
  parameters: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema?: Record<string, unknown> }>;
  /** The JSON schema of the body (resolved one level), when it takes one; `multipart` for uploads. */
  body: { multipart: boolean; schema: Record<string, unknown> | null } | null;
}

type Json = Record<string, unknown>;

/** The OpenAPI document of the running app, built the way bootstrap builds it, as a list of operations. */
export function operationsOf(app: INestApplication): { operations: Operation[]; schemas: Record<string, Json> } {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build()) as unknown as { paths: Record<string, Record<string, Json>>; components?: { schemas?: Record<string, Json> } };
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Json | undefined): Json | null => {
    if (!schema) return null;
    const ref = schema.$ref as string | undefined;
    return ref ? (schemas[ref.split('/').pop()!] ?? null) : schema;
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = (spec.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)?.content;
      const multipart = !!content?.['multipart/form-data'];
      const bodySchema = resolve(content?.['application/json']?.schema ?? content?.['multipart/form-data']?.schema);
      operations.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        parameters: ((spec.parameters as Operation['parameters'] | undefined) ?? []).map((p) => ({ ...p, schema: resolve(p.schema as Json) ?? undefined })),
        body: content ? { multipart, schema: bodySchema } : ['post', 'put', 'patch'].includes(method) ? { multipart: false, schema: null } : null,
      });
    }
  }
  return { operations, schemas };
}

/**
 * A counter of every row written to any table of the test database (a statement-level trigger on
 * each table bumps a sequence by the rows touched), so a test can assert that a refused request
 * wrote nothing at all.
 */
export async function installWriteCounter(db: pg.Client): Promise<() => Promise<number>> {
  await db.query(`
    CREATE SEQUENCE IF NOT EXISTS test_write_seq;
    CREATE OR REPLACE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM nextval('test_write_seq'); RETURN NULL; END $$;`);
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
  );
  for (const { table_name: table } of rows) {
    await db.query(`CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_count_write()`);
  }
  return async () => Number((await db.query<{ n: string }>(`SELECT nextval('test_write_seq') AS n`)).rows[0].n);
}

/** Plausible values for the parameters the api names, so a request reaches its guard and its scope check. */
export function sampleParameter(name: string, division: string): string {
  const samples: Record<string, string> = {
    division, city: division, code: division, divisionCode: division,
    month: '2021-11', from: '2021-01', to: '2021-11', year: '2021', asOf: '2021-11-30',
    metric: 'deals.tech_service.count', metrics: 'deals.tech_service.count', dataset: 'deals', name: 'session-cleanup',
    basis: 'month', format: 'json', months: '3',
  };
  return samples[name] ?? '1';
}
