// The DataSource of the TypeORM CLI (`npm run migration:run|revert|show|generate`).
// The app builds the same options through dataSourceOptions(), so both see one schema.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database-options.js';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'The migration commands need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test). ' +
      'With the embedded database of `npm start`, use postgres://postgres:tianfu-local@127.0.0.1:54329/tianfu_kpi while it runs.',
  );
}

export default new DataSource(dataSourceOptions(url));
