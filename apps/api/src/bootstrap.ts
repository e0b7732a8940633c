import { maxHeaderSize } from 'node:http';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type FastifyServerOptions } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { createValidationPipe } from './common/validation.js';
import { CleanInputPipe } from './common/input-text.js';
import { newRequestId } from './common/request-id.js';
import { answerHeaders } from './common/security-headers.js';
import { clientErrorHandler, frameworkErrors } from './common/http-refusals.js';
import { actorPerRequest } from './common/request-context.js';
import { JSON_BODY_LIMIT_BYTES, useBodyParsers } from './common/body-parser.js';
import { serveWeb } from './common/web-app.js';
import { type AppConfig } from './config/app-config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './database/embedded-database.js';
import { migrateUnderLock } from './database/migrate.js';
import { ReadReplicas } from './database/read-replicas.js';

export interface RunningApp {
  app: NestFastifyApplication;
  databaseUrl: string;
  /** Closes the app, then stops the embedded database if one was started. */
  close(): Promise<void>;
}

/**
 * Fastify rather than Express: its radix-tree router and lighter request objects took Express's
 * routing and middleware share of every request (see the README's load figures).
 */
const fastifyOptions = (config: AppConfig): FastifyServerOptions => ({
  // Our own id per request, never the client's X-Request-Id (see newRequestId).
  genReqId: newRequestId,
  requestIdHeader: false,
  bodyLimit: JSON_BODY_LIMIT_BYTES,
  // A path parameter of any length reaches its route, whose checks say what is wrong with it (a 422
  // naming the parameter). Node bounds the request line by maxHeaderSize, so no parameter is longer.
  // A smaller limit made the answer depend on the route tree: find-my-way refused an over-long
  // parameter (FST_ERR_MAX_PARAM_LENGTH) unless a wildcard sibling took it — the dashboard's, present
  // only when the web app is built (a 414 in a fresh checkout, a 404 after `npm run build:web`).
  routerOptions: { maxParamLength: maxHeaderSize, ignoreTrailingSlash: true },
  // The client address of sign-ins and the audit log: the peer's, unless it is a trusted proxy (TRUST_PROXY).
  trustProxy: config.trustProxy,
  // What is refused before any route runs, in the API's error shape.
  frameworkErrors,
  clientErrorHandler,
});

/**
 * Everything between configuration and a listening server, shared by `main.ts` and the tests:
 * database (DATABASE_URL or embedded), migrations under an advisory lock, the Nest app and its
 * HTTP policies (prefix, versioning, validation, errors, helmet, CORS, OpenAPI).
 */
export async function createApp(config: AppConfig): Promise<RunningApp> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedPgPort });
    databaseUrl = embedded.url;
  }
  try {
    if (config.migrationsRun) await migrateUnderLock(databaseUrl);
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl), new FastifyAdapter(fastifyOptions(config)), { bufferLogs: true, bodyParser: false });
    await configureApp(app, config);
    await app.init();
    // Routes, hooks and plugins are loaded: the server answers (also to supertest, which does not listen through Nest).
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      databaseUrl,
      async close() {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', answerHeaders());
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
  useBodyParsers(app);
  // After the body is read (see actorPerRequest): where the request's reads go, then who is acting
  // (the audit log), from here to the end of the request.
  fastify.addHook('preValidation', app.get(ReadReplicas).hook());
  fastify.addHook('preValidation', actorPerRequest());
  // Text first (NFC, no NUL or control characters), then the DTOs.
  app.useGlobalPipes(new CleanInputPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });
  await serveWeb(app, config.webDistDir);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tianfu KPI API')
      .setDescription(
        '天府科技云 KPI 看板 API. Money is a string of 元 with two decimals ("92708000.00"); dates of business events are ' +
          'days (YYYY-MM-DD) in Asia/Shanghai; errors are {statusCode, code, message (中文), messageEn, params?, errors?: [{field | row+column, code, message, messageEn}], requestId}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
