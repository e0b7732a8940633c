// npm run migration:generate -- <PascalName>: writes apps/api/src/database/migrations/<timestamp>-<PascalName>.ts
// from the difference between the entities and the database at DATABASE_URL. Read the SQL before committing it.
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const result = spawnSync(
  'npx',
  ['typeorm', 'migration:generate', `apps/api/src/database/migrations/${name}`, '-d', 'dist/apps/api/apps/api/src/database/data-source.js', '--pretty'],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
