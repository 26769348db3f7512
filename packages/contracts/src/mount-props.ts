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

/**
 * The version of the mount contract: `SettingsPanelProps` and what the remote exposes. It goes up only when a host
 * written for the previous version would break; a host refuses a remote of another version instead of rendering it.
 * Documented in apps/settings-ui/README.md ("Mount contract").
 */
export const SETTINGS_PANEL_MOUNT_CONTRACT = 1;

/** What `cin7Settings/SettingsPanel` exposes (C: the host's component type, e.g. React's ComponentType). */
export interface SettingsPanelRemote<C> {
  SettingsPanel: C;
  mountContract: typeof SETTINGS_PANEL_MOUNT_CONTRACT;
}
