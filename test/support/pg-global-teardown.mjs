import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const started = globalThis.__TIANFU_TEST_PG__;
  if (!started) return;
  globalThis.__TIANFU_TEST_PG__ = undefined;
  await started.server.stop();
  rmSync(started.dir, { recursive: true, force: true });
}
