// The api as production runs it, for the benchmarks that measure it over HTTP: the compiled
// `main.js` in its own process (its RSS is its own, not the load generator's), on a free port.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';

export const MAIN = new URL('../dist/apps/api/apps/api/src/main.js', import.meta.url).pathname;

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export async function waitForHttp(port, path, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering`);
    const ok = await new Promise((resolve) => {
      http.get({ host: '127.0.0.1', port, path }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer on ${port}${path}`);
}

export function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => { clearTimeout(killer); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Starts `main.js` on a free port with `env` and waits for /api/health. */
export async function startApi(env, { args = [] } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [...args, MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForHttp(port, '/api/health', child);
  return { child, port, base: `http://127.0.0.1:${port}` };
}

/** Resident memory of a process in MiB (Linux), or null where /proc is not there. */
export function rssMiB(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

export async function loginAs(base, username, password = 'demo1234') {
  const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login as ${username}: ${response.status}`);
  return (await response.json()).accessToken;
}
