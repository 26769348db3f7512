/** Build-time configuration of the demo host (Vite bakes VITE_* variables into the bundle). */
export const shellConfig = {
  apiUrl: (import.meta.env.VITE_API_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  panelManifestUrl: import.meta.env.VITE_PANEL_MANIFEST_URL ?? 'http://localhost:4174/mf-manifest.json',
};

/** Where the module is mounted in the host's API. */
export const moduleBaseUrl = `${shellConfig.apiUrl}/integrations/cin7-core`;
