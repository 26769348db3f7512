// One runner config, one project per test layer (see docs/testing.md).
// Jest runs in ESM mode (NODE_OPTIONS=--experimental-vm-modules, set by scripts/jest.mjs):
// NestJS 12 is ESM-only.
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        ...(tsx ? { react: { runtime: 'automatic' } } : {}),
      },
    },
    module: { type: 'es6' },
  },
];

// Workspace packages resolve to their sources, so tests never need a build first.
const moduleNameMapper = {
  '^@upstock/cin7-contracts$': '<rootDir>/packages/contracts/src/index.ts',
  '^@upstock/cin7-core$': '<rootDir>/packages/cin7-core/src/index.ts',
  '^@upstock/cin7-sandbox$': '<rootDir>/packages/cin7-sandbox/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};

const common = {
  rootDir: import.meta.dirname,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform: { '^.+\\.ts$': swc(false) },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

export default {
  // Hooks (a test app's start and stop) take the global timeout, not a project's: on a busy machine an app start
  // takes more than Jest's default 5 s, and a stop cut short leaves its job workers polling after the suite ended.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,apps}/*/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'ui',
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: { '^.+\\.tsx?$': swc(true) },
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/settings-ui/src/**/*.spec.tsx'],
      setupFilesAfterEnv: ['<rootDir>/apps/settings-ui/test/setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,apps}/*/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/scripts/test-db/global-setup.mjs',
      globalTeardown: '<rootDir>/scripts/test-db/global-teardown.mjs',
    },
  ],
};
