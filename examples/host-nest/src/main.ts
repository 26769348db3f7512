import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ShopAppModule, type ShopConfig } from './app.module.js';

export const PANEL_PATH = '/admin/cin7-panel/';
const PANEL_DIR = path.dirname(
  fileURLToPath(import.meta.resolve('@upstock/cin7-settings-ui/remote/mf-manifest.json')),
);

/** Starts the example shop on a port (0 = any free one); answers the app and its URL. */
export async function startShop(config: Omit<ShopConfig, 'publicBaseUrl'> & { port: number }) {
  // The webhook URL Cin7 calls needs the port before the module starts: bind first, then build the app.
  const { createServer } = await import('node:net');
  const port =
    config.port ||
    (await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const address = s.address();
        s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    }));
  const url = `http://127.0.0.1:${port}`;
  const app = await NestFactory.create<NestExpressApplication>(
    ShopAppModule.register({ ...config, publicBaseUrl: url }),
    { logger: ['error'] },
  );
  // The settings panel's built remote, installed as a package, served from the shop's own origin: the shop's admin
  // loads `${url}${PANEL_PATH}mf-manifest.json` at run time (its files are found relative to that manifest).
  app.useStaticAssets(PANEL_DIR, { prefix: PANEL_PATH });
  await app.listen(port, '127.0.0.1');
  return { app, url };
}
