import { assertChromiumInstalled, type E2eStack, publishStack, stackFromEnv, stackLogs } from './e2e.env.js';

interface StartedStack extends E2eStack {
  stop(): Promise<void>;
}

/** Starts the whole product (fresh database) once for all browser tests, and stops it afterwards. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const byHand = stackFromEnv();
  if (byHand) {
    publishStack(byHand);
    return async () => {};
  }
  // scripts/stack.mjs is plain JS (no types): imported by URL and given its documented shape here.
  const stackModule: { startStack(options: { fresh: boolean; quiet?: boolean }): Promise<StartedStack> } =
    await import(new URL('../../scripts/stack.mjs', import.meta.url).href);
  const { startStack } = stackModule;
  const stack = await startStack({ fresh: true, quiet: !stackLogs });
  publishStack({ urls: stack.urls, suppliers: stack.suppliers, cin7: stack.cin7 });
  return () => stack.stop();
}
