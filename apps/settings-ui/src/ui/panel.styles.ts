/**
 * The panel's CSS, rendered in a <style> element by the panel itself: a federated component cannot rely on the
 * host loading a separate stylesheet. Every selector is under `.c7-panel` so nothing leaks into the host.
 * Host theme tokens arrive as the CSS variables --c7-accent and --c7-font.
 */
export const PANEL_CSS = `
.c7-panel { --c7-accent-fallback: #2458d3; --c7-danger: #b42318; --c7-warn: #8a5a00; --c7-ok: #1a7f37;
  --c7-border: #d0d5dd; --c7-muted: #5b6472; --c7-bg: #fff; --c7-soft: #f4f6fa;
  font-family: var(--c7-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: #1d2433; line-height: 1.45; font-size: 15px; max-width: 880px; box-sizing: border-box; }
.c7-panel *, .c7-panel *::before, .c7-panel *::after { box-sizing: inherit; }
.c7-panel h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.c7-panel h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
.c7-panel h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
.c7-panel p { margin: 0 0 .75rem; }
.c7-panel .c7-intro { color: var(--c7-muted); margin-bottom: 1.25rem; }
.c7-panel .c7-section { background: var(--c7-bg); border: 1px solid var(--c7-border); border-radius: 10px;
  padding: 1rem 1.25rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
.c7-panel .c7-muted { color: var(--c7-muted); }
.c7-panel .c7-mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
.c7-panel .c7-badge { display: inline-block; border-radius: 999px; padding: .1rem .6rem; font-size: .85rem;
  font-weight: 600; }
.c7-panel .c7-badge-on { background: #dcfce7; color: #14532d; }
.c7-panel .c7-badge-off { background: #eef0f4; color: #333c4d; }
.c7-panel .c7-badge-warn { background: #fff4d6; color: #6b4500; }
.c7-panel .c7-badge-error { background: #fde4e1; color: #8a1c12; }
.c7-panel .c7-facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
  gap: .5rem 1rem; margin: 0 0 1rem; }
.c7-panel .c7-facts dt { font-size: .8rem; color: var(--c7-muted); text-transform: uppercase; letter-spacing: .03em; }
.c7-panel .c7-facts dd { margin: 0; font-weight: 500; }
.c7-panel .c7-form { display: grid; gap: .75rem; max-width: 32rem; }
.c7-panel .c7-check { display: flex; gap: .5rem; align-items: center; }
.c7-panel .c7-field { display: grid; gap: .25rem; }
.c7-panel .c7-field label, .c7-panel .c7-legend { font-weight: 600; }
.c7-panel .c7-hint { color: var(--c7-muted); font-size: .85rem; margin: 0; }
.c7-panel input[type=text], .c7-panel input[type=password], .c7-panel input[type=search], .c7-panel input:not([type]),
.c7-panel select { font: inherit; padding: .5rem .6rem; border: 1px solid var(--c7-border); border-radius: 6px;
  width: 100%; min-width: 0; background: #fff; }
.c7-panel input[aria-invalid=true] { border-color: var(--c7-danger); }
.c7-panel .c7-field-error { color: var(--c7-danger); font-size: .9rem; margin: 0; }
.c7-panel .c7-actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem; }
.c7-panel .c7-button { font: inherit; border: 1px solid var(--c7-border); background: #fff; color: inherit;
  border-radius: 6px; padding: .45rem .9rem; cursor: pointer; }
.c7-panel .c7-button:disabled { opacity: .55; cursor: not-allowed; }
.c7-panel .c7-button-primary { background: var(--c7-accent, var(--c7-accent-fallback)); border-color: transparent;
  color: #fff; font-weight: 600; }
.c7-panel .c7-button-danger { background: var(--c7-danger); border-color: transparent; color: #fff; font-weight: 600; }
.c7-panel :focus-visible { outline: 3px solid var(--c7-accent, var(--c7-accent-fallback)); outline-offset: 2px; }
.c7-panel .c7-alert { border-radius: 6px; padding: .6rem .8rem; margin: 0 0 .75rem; }
.c7-panel .c7-alert p:last-child { margin-bottom: 0; }
.c7-panel .c7-alert-error { background: #fdecea; color: #7a1a10; border: 1px solid #f5c2bb; }
.c7-panel .c7-alert-warn { background: #fff8e6; color: #5c3d00; border: 1px solid #f3dca1; }
.c7-panel .c7-alert-ok { background: #ecfdf3; color: #14532d; border: 1px solid #b7ebc6; }
.c7-panel .c7-confirm { border: 1px solid var(--c7-danger); border-radius: 8px; padding: .75rem 1rem; margin-top: .5rem; }
.c7-panel .c7-howto { background: var(--c7-soft); border-radius: 8px; padding: .6rem .9rem; margin: 0 0 1rem; }
.c7-panel .c7-howto summary { cursor: pointer; font-weight: 600; }
.c7-panel .c7-howto ol { margin: .5rem 0 0; padding-left: 1.25rem; }
.c7-panel .c7-quote { font-style: italic; }
.c7-panel .c7-progress { width: 100%; height: .75rem; }
.c7-panel .c7-table-wrap { overflow-x: auto; }
.c7-panel table { border-collapse: collapse; width: 100%; font-size: .92rem; }
.c7-panel th { white-space: nowrap; }
.c7-panel th, .c7-panel td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--c7-border);
  vertical-align: top; }
.c7-panel fieldset { border: 0; padding: 0; margin: 0; display: grid; gap: .35rem; }
.c7-panel .c7-choice { display: flex; gap: .5rem; align-items: flex-start; }
.c7-panel .c7-choice input { margin-top: .25rem; }
.c7-panel ul.c7-list { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.c7-panel ul.c7-list > li { border: 1px solid var(--c7-border); border-radius: 8px; padding: .6rem .8rem; }
.c7-panel .c7-grid-2 { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); }
.c7-panel .c7-card { border: 1px solid var(--c7-border); border-radius: 8px; padding: .75rem 1rem; min-width: 0; }
.c7-panel .c7-card h3 { margin-top: 0; }
.c7-panel .c7-row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-start; justify-content: space-between; }
.c7-panel .c7-row > div { min-width: 0; flex: 1 1 14rem; }
.c7-panel .c7-inline-form { display: grid; gap: .25rem; margin: 0 0 .75rem; }
.c7-panel .c7-inline-form label { font-weight: 600; }
.c7-panel .c7-inline { display: flex; gap: .5rem; flex-wrap: wrap; }
.c7-panel .c7-inline input { flex: 1 1 12rem; }
.c7-panel .c7-matcher { margin-top: .75rem; padding-top: .75rem; border-top: 1px dashed var(--c7-border); display: grid; gap: .75rem; }
.c7-panel .c7-rule { color: var(--c7-warn); }
.c7-panel .c7-settings { max-width: 40rem; gap: 1.1rem; }
.c7-panel .c7-timeline ol { margin: .5rem 0 0; padding-left: 1.25rem; }
.c7-panel .c7-timeline time { color: var(--c7-muted); margin-right: .35rem; }
.c7-panel .c7-nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0 0 1rem; }
.c7-panel .c7-nav a { color: var(--c7-accent, var(--c7-accent-fallback)); }
.c7-panel .c7-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 480px) {
  .c7-panel { font-size: 14px; }
  .c7-panel .c7-section { padding: .75rem; }
}
`;
