// A jest reporter that keeps, in one small file, the test files started and not yet finished,
// so that `npm test` can name them if it has to stop a run that hangs (scripts/test.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export const PROGRESS_FILE = '.data/jest-progress.json';

export default class ProgressReporter {
  #running = new Set();

  #write() {
    mkdirSync(dirname(PROGRESS_FILE), { recursive: true });
    writeFileSync(PROGRESS_FILE, JSON.stringify({ running: [...this.#running] }));
  }

  onTestFileStart(test) {
    this.#running.add(relative(process.cwd(), test.path));
    this.#write();
  }

  onTestFileResult(test) {
    this.#running.delete(relative(process.cwd(), test.path));
    this.#write();
  }

  getLastError() {
    return undefined;
  }
}
