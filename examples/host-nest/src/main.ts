import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ShopAppModule, type ShopConfig } from './app.module.js';

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
  const app = await NestFactory.create(ShopAppModule.register({ ...config, publicBaseUrl: url }), {
    logger: ['error'],
  });
  await app.listen(port, '127.0.0.1');
  return { app, url };
}
