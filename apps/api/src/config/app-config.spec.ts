import { availableParallelism } from 'node:os';
import { ConfigError, DEFAULT_TOKEN_SECRET, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('should default to port 3000, the embedded database and demo data when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, demoData: true, migrationsRun: true });
    expect(config.auth).toMatchObject({ loginMaxFailures: 5, loginLockMinutes: 15 });
  });

  it('should run one worker per CPU by default, one under NODE_ENV=test, and refuse a bad WEB_CONCURRENCY', () => {
    expect(loadConfig({}).webConcurrency).toBe(availableParallelism());
    expect(loadConfig({ NODE_ENV: 'test' }).webConcurrency).toBe(1);
    expect(loadConfig({ NODE_ENV: 'test', WEB_CONCURRENCY: '4' }).webConcurrency).toBe(4);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
  });

  it('should believe no proxy by default, and take true or a list of addresses, ranges and named ranges for TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 172.18.0.2' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '172.18.0.2']);
    for (const bad of ['nginx', '10.0.0.0/33', '::1/129', '1.2.3.4/8/2', '2']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('should switch demo data off by default when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('should list every bad variable at once when the environment is invalid', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/DEMO_DATA/);
    }
  });

  it('should refuse production with the default secret or demo data', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/AUTH_TOKEN_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_TOKEN_SECRET: 'a-real-secret-of-some-length', DEMO_DATA: 'true', DATABASE_URL: 'postgres://db/x' })).toThrow(/DEMO_DATA/);
    expect(DEFAULT_TOKEN_SECRET.length).toBeGreaterThanOrEqual(16);
  });

  it('should accept production with its own secret and the first admin from the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', AUTH_TOKEN_SECRET: 'a-real-secret-of-some-length',
      INITIAL_ADMIN_USERNAME: 'admin', INITIAL_ADMIN_PASSWORD: 'twelve-chars-at-least',
    });
    expect(config.demoData).toBe(false);
    expect(config.auth.initialAdmin).toEqual({ username: 'admin', password: 'twelve-chars-at-least' });
  });
});
