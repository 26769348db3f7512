// Vite config of the demo host shell (an "Upstock admin" stand-in), sources in ./shell.
// Env (all optional):
//   SHELL_PORT               port of `vite` / `vite preview` (default 4173)
//   VITE_API_URL             the API's origin (default http://localhost:3000), baked in at build time
//   VITE_PANEL_MANIFEST_URL  the remote's manifest (default http://localhost:4174/mf-manifest.json), baked in too
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const port = Number(process.env.SHELL_PORT ?? 4173);

export default defineConfig({
  root: fileURLToPath(new URL('./shell', import.meta.url)),
  resolve: {
    alias: {
      '@upstock/cin7-contracts': fileURLToPath(
        new URL('../packages/contracts/src/index.ts', import.meta.url),
      ),
    },
  },
  plugins: [react()],
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./dist/shell', import.meta.url)),
    emptyOutDir: true,
  },
});
