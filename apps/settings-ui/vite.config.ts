// Vite config of the federated settings panel (remote `cin7Settings`, one expose: `./SettingsPanel`).
// Env (all optional):
//   PANEL_PORT        port of `vite` / `vite preview` (default 4174)
//   PANEL_PUBLIC_URL  absolute URL the built assets are served from (default http://localhost:<port>/);
//                     the host loads chunks from here, so it must be the URL the browser can reach.
import { fileURLToPath } from 'node:url';
import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const port = Number(process.env.PANEL_PORT ?? 4174);
const publicUrl = (process.env.PANEL_PUBLIC_URL ?? `http://localhost:${port}/`).replace(/\/?$/, '/');

export default defineConfig({
  base: publicUrl,
  resolve: {
    // Contracts resolve to their TypeScript source: no build of packages/contracts is needed first.
    alias: {
      '@upstock/cin7-contracts': fileURLToPath(
        new URL('../../packages/contracts/src/index.ts', import.meta.url),
      ),
    },
  },
  plugins: [
    react(),
    federation({
      name: 'cin7Settings',
      filename: 'remoteEntry.js',
      manifest: true,
      exposes: { './SettingsPanel': './src/settings-panel.tsx' },
      // One React and one React Query across the federation boundary (STYLE pitfall 5).
      shared: {
        react: { singleton: true, requiredVersion: '^19.0.0' },
        'react-dom': { singleton: true, requiredVersion: '^19.0.0' },
        '@tanstack/react-query': { singleton: true, requiredVersion: '^5.0.0' },
      },
      dts: false,
    }),
  ],
  server: { port, strictPort: true, origin: `http://localhost:${port}` },
  preview: { port, strictPort: true, cors: true },
  build: { target: 'es2022', outDir: 'dist' },
});
