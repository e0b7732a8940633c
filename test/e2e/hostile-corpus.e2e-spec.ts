import JSZip from 'jszip';
import request from 'supertest';
import { OPERATION_PERMISSIONS, PERMISSIONS, type Permission } from '@app/contracts';
import { loginAs, startTestApp, type TestApp } from '../support/test-app.js';
import { installWriteCounter, type Operation, operationsOf, sampleParameter } from '../support/openapi.js';

// The hostile corpus: inputs an attacker or a careless client sends, generated from the OpenAPI
// schemas of every operation that takes input (bodies, query and path parameters, headers, files)
// plus the classes that once answered 500. Asserted for each: never a 5xx; a 4xx carries a stable
// `code`, a 422 names its field (or row and column), a 413 its limit; the body shows no internals;
// nothing is written on a refusal; and the server is healthy after.

type Json = Record<string, unknown>;
interface Attempt { label: string; run: () => request.Test }

const UUID = '00000000-0000-4000-8000-000000000000';
const TEXT_CLASSES: Array<[string, unknown]> = [
  ['NUL', 'admin\u0000x'], ['control', 'bell\u0007'], ['lone surrogate', 'a\ud800b'], ['RTL override', '\u202egnp.exe'],
  ['SQL', "x' OR '1'='1'; DROP TABLE app_user; --"], ['HTML', '<img src=x onerror=alert(1)><script>alert(1)</script>'],
  ['wrong type', { nested: ['object'] }],
];
const NUMBER_CLASSES: Array<[string, unknown]> = [['1e20', 1e20], ['2^31', 2 ** 31], ['-2^31-1', -(2 ** 31) - 1], ['fraction', 1.5], ['string', 'NaN']];
const DAY_CLASSES: Array<[string, unknown]> = [['impossible day', '2026-02-30'], ['year 0', '0000-01-01'], ['year 99999', '99999-01-01']];
const MONTH_CLASSES: Array<[string, unknown]> = [['month 0000-01', '0000-01'], ['month 13', '2021-13'], ['month 99999', '99999-01']];
const QUERY_CLASSES: Array<[string, string]> = [
  ['NUL', 'a\u0000b'], ['newline', 'a\nb'], ['lone surrogate', 'a\ud800b'], ['1e20', '1e20'], ['2^31', String(2 ** 31)], ['SQL', "' OR 1=1 --"],
  ['month 0000-01', '0000-01'], ['impossible day', '2026-02-30'], ['4 KB', 'x'.repeat(4096)],
];
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|QueryFailedError|TypeError|ReferenceError|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|stack/i;

function deep(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

async function zipBomb(): Promise<Buffer> {
  // A small .xlsx whose one sheet inflates to 60 MB of zeros.
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/worksheets/sheet1.xml', '0'.repeat(60 * 1024 * 1024));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('Hostile corpus over every operation that takes input (e2e)', () => {
  let app: TestApp;
  let operations: Operation[];
  let writes: () => Promise<number>;
  const tokens: Record<string, string> = {};
  const failures: string[] = [];
  let count = 0;

  beforeAll(async () => {
    app = await startTestApp();
    operations = operationsOf(app.app).operations;
    tokens.admin = await loginAs(app, 'admin');
    tokens.staff = await loginAs(app, 'xiqu-staff');
    tokens.leader = await loginAs(app, 'xiqu-leader');
    writes = await installWriteCounter(app.db);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** The caller who passes the guard: admin where allowed, else West District's staff or leader. */
  const tokenFor = (operation: Operation): string | undefined => {
    const permission: Permission | undefined = PERMISSIONS[OPERATION_PERMISSIONS[operation.key]];
    if (!permission || permission.scope === 'public') return undefined;
    const role = (['admin', 'staff', 'leader'] as const).find((r) => permission.roles.includes(r)) ?? 'admin';
    return tokens[role];
  };

  const pathOf = (operation: Operation, override: Record<string, string> = {}) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? (/id$/i.test(name) ? UUID : encodeURIComponent(sampleParameter(name, '510403'))));

  const queryOf = (operation: Operation): Record<string, string> =>
    Object.fromEntries(operation.parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, sampleParameter(p.name, '510403')]));

  function call(operation: Operation, options: { path?: string; query?: Record<string, string>; body?: unknown; raw?: { type: string; data: string | Buffer }; headers?: Record<string, string> } = {}) {
    let test = request(app.http)[operation.method.toLowerCase() as 'post'](options.path ?? pathOf(operation)).query(options.query ?? queryOf(operation));
    const token = tokenFor(operation);
    if (token) test = test.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) test = test.set(name, value);
    if (options.raw) return test.set('Content-Type', options.raw.type).send(options.raw.data);
    if (options.body !== undefined) return test.send(options.body as object);
    return test;
  }

  async function check(label: string, run: () => request.Test): Promise<void> {
    count++;
    const before = await writes();
    let response: request.Response;
    try {
      response = await run();
    } catch (error) {
      failures.push(`${label}: no answer (${String(error)})`);
      return;
    }
    const written = (await writes()) - before - 1;
    const body = response.body as Json;
    const text = response.text ?? '';
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`status ${response.status} ${text.slice(0, 200)}`);
    if (response.status >= 400) {
      if (typeof body?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) problems.push(`no code (${response.status} ${text.slice(0, 120)})`);
      if (typeof body?.message !== 'string' || typeof body?.messageEn !== 'string') problems.push('message or messageEn missing');
      if (response.status === 422) {
        const errors = body.errors as Array<Json> | undefined;
        if (!errors?.length || errors.some((e) => (typeof e.field !== 'string' && typeof e.row !== 'number') || typeof e.code !== 'string')) problems.push(`422 without a named field: ${text.slice(0, 160)}`);
      }
      if (response.status === 413 && typeof (body.params as Json | undefined)?.limitBytes !== 'number') problems.push('413 without its limit');
      if (INTERNALS.test(text)) problems.push(`internals in the body: ${text.slice(0, 200)}`);
      if (written !== 0) problems.push(`${written} rows written on a refusal`);
    }
    if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`);
  }

  it('should refuse hostile input cleanly everywhere, and stay healthy', async () => {
    const bomb = await zipBomb();
    const attempts: Attempt[] = [];
    for (const operation of operations) {
      if (!OPERATION_PERMISSIONS[operation.key]) continue; // the access matrix reports it
      const at = (what: string) => `${operation.key} ${what}`;

      // Path parameters: not an id, a NUL, 300 characters.
      for (const name of [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
        for (const [what, value] of [['not an id', 'x'], ['NUL', 'a%00b'], ['SQL', "1'%20OR%20'1'='1"], ['long', 'x'.repeat(300)]]) {
          attempts.push({ label: at(`path.${name} ${what}`), run: () => call(operation, { path: pathOf(operation, { [name]: value }) }) });
        }
      }
      // Query parameters of the schema.
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        for (const [what, value] of QUERY_CLASSES) {
          attempts.push({ label: at(`query.${parameter.name} ${what}`), run: () => call(operation, { query: { ...queryOf(operation), [parameter.name]: value } }) });
        }
      }
      if (!operation.body) continue;
      if (operation.body.multipart) {
        // Files that are not what they claim, a zip bomb, an empty file, a text with NUL.
        const files: Array<[string, Buffer, string]> = [
          ['zip bomb', bomb, 'bomb.xlsx'], ['exe as xlsx', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048)]), 'data.xlsx'],
          ['text as png', Buffer.from('not a picture at all'), 'photo.png'], ['empty', Buffer.alloc(0), 'empty.csv'],
          ['NUL in csv', Buffer.from('编号,类型\nA\u0000,科技服务\n'), 'nul.csv'], ['html as pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'report.pdf'],
        ];
        for (const [what, data, name] of files) {
          attempts.push({
            label: at(`file ${what}`),
            run: () => {
              let test = request(app.http).post(pathOf(operation)).set('Authorization', `Bearer ${tokenFor(operation)}`);
              for (const field of ['dataset']) if (JSON.stringify(operation.body?.schema ?? {}).includes(`"${field}"`)) test = test.field(field, 'deals');
              return test.attach('file', data, name);
            },
          });
        }
        continue;
      }
      // Whole bodies.
      const wholes: Array<[string, () => request.Test]> = [
        ['deep nesting', () => call(operation, { raw: { type: 'application/json', data: deep(5000) } })],
        ['prototype keys', () => call(operation, { raw: { type: 'application/json', data: '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}' } })],
        ['not JSON', () => call(operation, { raw: { type: 'application/json', data: '{"title": ' } })],
        ['text/plain', () => call(operation, { raw: { type: 'text/plain', data: 'title=x' } })],
        ['xml', () => call(operation, { raw: { type: 'application/xml', data: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' } })],
        ['1 MB string', () => call(operation, { body: { title: 'x'.repeat(1024 * 1024 + 10) } })],
        ['array body', () => call(operation, { body: [1, 2, 3] })],
      ];
      for (const [what, run] of wholes) attempts.push({ label: at(`body ${what}`), run });
      // Each property of the schema with the classes of its type.
      const properties = ((operation.body.schema?.properties ?? {}) as Record<string, Json>);
      for (const [name, schema] of Object.entries(properties)) {
        const type = String(schema.type ?? (schema.enum ? 'string' : 'object'));
        const classes = type === 'integer' || type === 'number' ? NUMBER_CLASSES
          : /month/i.test(name) ? MONTH_CLASSES
          : /(date|day|On$|^start$|^end$|asOf)/.test(name) ? [...DAY_CLASSES, ...TEXT_CLASSES.slice(0, 3)]
          : TEXT_CLASSES;
        for (const [what, value] of classes) {
          attempts.push({ label: at(`body.${name} ${what}`), run: () => call(operation, { body: { [name]: value } }) });
        }
      }
    }
    // Headers: a forged client request id, a NUL-ish authorization, an odd charset.
    const me = operations.find((o) => o.key === 'GET /api/v1/auth/me')!;
    attempts.push({ label: 'header X-Request-Id 10 KB', run: () => call(me, { headers: { 'X-Request-Id': 'x'.repeat(10_000) } }) });
    attempts.push({ label: 'header Authorization garbage', run: () => request(app.http).get('/api/v1/auth/me').set('Authorization', 'Bearer \u00ff\u00fe.garbage.token') });
    attempts.push({ label: 'header Content-Type charset', run: () => request(app.http).post('/api/v1/auth/login').set('Content-Type', 'application/json; charset=ebcdic').send('{"username":"a","password":"b"}') });

    for (const attempt of attempts) await check(attempt.label, attempt.run);
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(300);
    await request(app.http).get('/api/health').expect(200);
  }, 240_000);
});
