import { existsSync } from 'node:fs';

/** The Chromium the tests drive: Debian's package (Playwright cannot download browsers on these machines). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertChromiumInstalled(): void {
  if (existsSync(chromiumPath)) return;
  throw new Error(
    [
      `Chromium was not found at ${chromiumPath}.`,
      "The browser tests drive Debian's Chromium. Install it with:",
      '    sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    ].join('\n'),
  );
}

/** What the global setup publishes for the tests (the workers inherit the environment). */
export interface E2eStack {
  urls: { shell: string; api: string; remote: string; sandbox: string };
  suppliers: { name: string; token: string }[];
  /** The Cin7 sandbox's valid credentials, for the connect step. */
  cin7?: { accountId: string; apiKey: string } | undefined;
}

/** E2E_STACK_LOGS=1 prints every line the stack's processes write (quiet by default). */
export const stackLogs = process.env.E2E_STACK_LOGS === '1';

const STACK_VAR = 'UPSTOCK_E2E_STACK';

export function publishStack(stack: E2eStack): void {
  process.env[STACK_VAR] = JSON.stringify(stack);
}

export function readStack(): E2eStack {
  const raw = process.env[STACK_VAR];
  if (!raw)
    throw new Error('The e2e stack is not running: run the tests through `pnpm test:e2e` (global setup).');
  return JSON.parse(raw) as E2eStack;
}

/**
 * By-hand mode: with E2E_SHELL_URL set, the global setup starts nothing and the tests use already-running
 * pieces (E2E_API_URL, E2E_REMOTE_URL, E2E_SANDBOX_URL, E2E_CIN7_ACCOUNT_ID / E2E_CIN7_API_KEY).
 */
export function stackFromEnv(): E2eStack | null {
  const shell = process.env.E2E_SHELL_URL;
  if (!shell) return null;
  const accountId = process.env.E2E_CIN7_ACCOUNT_ID;
  const apiKey = process.env.E2E_CIN7_API_KEY;
  return {
    urls: {
      shell,
      api: process.env.E2E_API_URL ?? 'http://localhost:3000',
      remote: process.env.E2E_REMOTE_URL ?? 'http://localhost:4174',
      sandbox: process.env.E2E_SANDBOX_URL ?? 'http://localhost:4010',
    },
    suppliers: [],
    cin7: accountId && apiKey ? { accountId, apiKey } : undefined,
  };
}
