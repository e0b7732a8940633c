import { type INestApplication, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { createValidationPipe } from './common/validation.js';
import { CleanInputPipe } from './common/input-text.js';
import { requestIds } from './common/request-id.js';
import { actorPerRequest } from './common/request-context.js';
import { useBodyParsers } from './common/body-parser.js';
import { type AppConfig } from './config/app-config.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from './database/embedded-database.js';
import { migrateUnderLock } from './database/migrate.js';
import { ReadReplicas } from './database/read-replicas.js';

export interface RunningApp {
  app: INestApplication;
  databaseUrl: string;
  /** Closes the app, then stops the embedded database if one was started. */
  close(): Promise<void>;
}

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
    const app = await NestFactory.create(AppModule.register(config, databaseUrl), { bufferLogs: true, bodyParser: false });
    configureApp(app, config);
    await app.init();
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

export function configureApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.use(requestIds());
  // Before everything but the request id, so that the whole request (guards, interceptors, handler) knows where its reads go.
  app.use(app.get(ReadReplicas).middleware());
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI });
  useBodyParsers(app);
  // Who is acting (the audit log), from here to the end of the request.
  app.use(actorPerRequest());
  // Text first (NFC, no NUL or control characters), then the DTOs.
  app.useGlobalPipes(new CleanInputPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.use(helmet());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });

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
