/**
 * What the host passes when it mounts the federated settings panel (`./SettingsPanel`).
 * The host owns auth: `fetch` adds the supplier's credentials; the panel never sees a token.
 */
export interface SettingsPanelProps {
  /** Base URL of the module's routes, e.g. `https://api.upstock.example/integrations/cin7-core`. */
  apiBaseUrl: string;
  /** An authenticated fetch provided by the host. Defaults to the browser's fetch. */
  fetch?: typeof fetch;
  /** Optional theme tokens from the host. */
  theme?: { accentColor?: string; fontFamily?: string };
}
