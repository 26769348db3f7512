import { createInstance } from '@module-federation/runtime';
import * as ReactQuery from '@tanstack/react-query';
import {
  SETTINGS_PANEL_MOUNT_CONTRACT,
  type SettingsPanelProps,
  type SettingsPanelRemote,
} from '@upstock/cin7-contracts';
import type { ComponentType } from 'react';
import * as React from 'react';
import * as JsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import pkg from '../../package.json' with { type: 'json' };
import { shellConfig } from './shell.config.js';

/** The name the remote declares in its federation config (apps/settings-ui/vite.config.ts). */
const REMOTE = 'cin7Settings';

const singleton = (version: string, lib: unknown) => ({
  version,
  scope: 'default',
  lib: () => lib,
  shareConfig: { singleton: true, requiredVersion: `^${version}` },
});

// A pure runtime host: the remote is not known at build time, only its manifest URL (configurable).
// The host provides the one React and React Query on the page; the remote's own copies are only fallbacks.
const federation = createInstance({ name: 'upstockAdmin', remotes: [] });
federation.registerShared({
  react: singleton(pkg.dependencies.react, React),
  'react/jsx-runtime': singleton(pkg.dependencies.react, JsxRuntime),
  'react-dom': singleton(pkg.dependencies['react-dom'], ReactDOM),
  'react-dom/client': singleton(pkg.dependencies['react-dom'], ReactDOMClient),
  '@tanstack/react-query': singleton(pkg.dependencies['@tanstack/react-query'], ReactQuery),
});
federation.registerRemotes([{ name: REMOTE, entry: shellConfig.panelManifestUrl, type: 'module' }]);

let panel: Promise<ComponentType<SettingsPanelProps>> | null = null;

/** Loads `cin7Settings/SettingsPanel` once (a failed load may be retried). */
export function loadSettingsPanel(): Promise<ComponentType<SettingsPanelProps>> {
  panel ??= federation
    .loadRemote<Partial<SettingsPanelRemote<ComponentType<SettingsPanelProps>>>>(`${REMOTE}/SettingsPanel`)
    .then((mod) => {
      if (!mod?.SettingsPanel) throw new Error(`${REMOTE}/SettingsPanel did not export SettingsPanel`);
      // A remote built for another mount contract would get props it does not expect: refuse it, visibly.
      if (mod.mountContract !== SETTINGS_PANEL_MOUNT_CONTRACT) {
        throw new Error(
          `${REMOTE}/SettingsPanel implements mount contract ${mod.mountContract ?? 'none'}; this host speaks ${SETTINGS_PANEL_MOUNT_CONTRACT}`,
        );
      }
      return mod.SettingsPanel;
    })
    .catch((error: unknown) => {
      panel = null;
      throw error;
    });
  return panel;
}
