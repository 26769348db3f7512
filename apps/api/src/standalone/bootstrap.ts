import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Cin7CoreExtensions } from '../module/index.js';
import { repositoryOpenApiDocument } from '../module/openapi/openapi.file.js';
import { AppModule } from './app.module.js';
import type { StandaloneConfig } from './config.js';

/** Builds the standalone server (used by main.ts and by integration tests). */
export async function createApp(
  config: StandaloneConfig,
  overrides: { fetch?: typeof fetch; logger?: false; extensions?: Cin7CoreExtensions } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config, overrides), {
    logger: overrides.logger ?? config.logLevels,
  });
  // The usual security headers (nosniff, frame denial, HSTS, a strict CSP the docs page works with...).
  app.use(helmet());
  app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type'] });
  app.enableShutdownHooks();
  // The module's own document (docs/openapi.json), built from the contracts' schemas; swagger only serves the page.
  SwaggerModule.setup('docs', app, repositoryOpenApiDocument() as unknown as OpenAPIObject);
  return app;
}
