import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import type { StandaloneConfig } from './config.js';

/** Builds the standalone server (used by main.ts and by integration tests). */
export async function createApp(
  config: StandaloneConfig,
  overrides: { fetch?: typeof fetch; logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config, overrides), {
    logger: overrides.logger ?? config.logLevels,
  });
  // The usual security headers (nosniff, frame denial, HSTS, a strict CSP the docs page works with...).
  app.use(helmet());
  app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type'] });
  app.enableShutdownHooks();
  const openApi = new DocumentBuilder()
    .setTitle('Upstock × Cin7 Core integration')
    .setDescription(
      'Routes of the Cin7 Core module (under /integrations/cin7-core) and of the reference host (/host).',
    )
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
