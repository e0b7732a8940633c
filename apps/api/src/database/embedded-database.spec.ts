import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertReachableAsRoot, closedFolderOnTheWay, EmbeddedDatabaseUnreachableError } from './embedded-database.js';

// As root, the embedded PostgreSQL runs as `postgres`: a 0700 folder on the way to its data or its
// programs must stop the start with one sentence saying what to do, not an EACCES stack from initdb.
describe('embedded database as root', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'tianfu-embedded-')); // 0700, like a private temp folder or /root
    chmodSync(base, 0o700);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('should find the first folder other users cannot enter, and none on an open way', () => {
    mkdirSync(join(base, 'open'), { mode: 0o755 });
    expect(closedFolderOnTheWay(join(base, 'open', '.data', 'pg'))).toBe(base);
    chmodSync(base, 0o755);
    expect(closedFolderOnTheWay(join(base, 'open', '.data', 'pg'))).toBeNull();
  });

  it('should stop with a sentence naming the folder and what to do when the data is out of reach', () => {
    const attempt = () => assertReachableAsRoot(join(base, '.data', 'pg'), '/usr/bin', true);
    expect(attempt).toThrow(EmbeddedDatabaseUnreachableError);
    expect(attempt).toThrow(new RegExp(`cannot enter ${base} .*set DATA_DIR to a folder every user can enter.*or set DATABASE_URL`));
  });

  it('should name the programs’ folder when the binaries are out of reach, and pass when not root', () => {
    expect(() => assertReachableAsRoot('/var/lib/x', join(base, 'node_modules', 'bin'), true)).toThrow(/to reach its programs.*move the project/);
    expect(() => assertReachableAsRoot(join(base, 'pg'), join(base, 'bin'), false)).not.toThrow();
  });
});
