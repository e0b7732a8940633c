import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The built dashboard (Vite's output), when there is one: its files as they are, and index.html for
 * every other path outside /api (the dashboard's own routes, deep links included). Anything under
 * /api that no route answers stays the API's 404. Vite names the files under /assets by their
 * content, so they are cached for a year; index.html is revalidated every time, so that a new build
 * is seen at once.
 */
export async function serveWeb(app: NestFastifyApplication, distDir: string): Promise<void> {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) return;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    // One route per file of the build (it does not change while the server runs), none for the rest.
    wildcard: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', path.includes(`${root}/assets/`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?')) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
