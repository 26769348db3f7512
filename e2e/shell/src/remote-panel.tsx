import type { SettingsPanelProps } from '@upstock/cin7-contracts';
import { Component, type ComponentType, type ReactNode, useCallback, useEffect, useState } from 'react';
import { loadSettingsPanel } from './federation.js';
import { shellConfig } from './shell.config.js';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; Panel: ComponentType<SettingsPanelProps> }
  | { kind: 'failed'; message: string };

/** Mounts the federated settings panel, loaded at runtime from the remote's manifest. */
export function RemotePanel(props: SettingsPanelProps) {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    loadSettingsPanel().then(
      (Panel) => setState({ kind: 'ready', Panel }),
      (error: unknown) =>
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <p role="status">Loading the Cin7 Core panel…</p>;
  if (state.kind === 'failed') return <LoadFailure message={state.message} onRetry={load} />;
  const { Panel } = state;
  return (
    <PanelBoundary>
      <Panel {...props} />
    </PanelBoundary>
  );
}

function LoadFailure({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="shell-error">
      <p>
        The Cin7 Core panel could not be loaded from <code>{shellConfig.panelManifestUrl}</code>.
      </p>
      <p className="shell-muted">{message}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** A crash inside the remote stays inside its box instead of blanking the admin. */
class PanelBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error)
      return (
        <LoadFailure message={this.state.error.message} onRetry={() => this.setState({ error: null })} />
      );
    return this.props.children;
  }
}
