/**
 * The stylesheet of data/index.html, inline because the page must work from a folder with
 * nothing else loaded (its CSP allows inline styles and nothing remote). Colours follow the
 * app's tokens; the print rules matter as much as the screen ones, since auditors print these.
 */
export const INDEX_CSS = `
:root {
  --text: #1c2430; --muted: #5d6878; --border: #dde1e7; --border-strong: #c5ccd6; --bg: #f6f7f9;
  --surface: #fff; --accent: #1f5fbf; --ok: #1d7a46; --ok-soft: #e4f4ea; --danger: #b42318;
  --danger-soft: #fdecea; --warn: #9a5b00; --warn-soft: #fdf3e1;
  font-family: 'Liberation Sans', 'Segoe UI', system-ui, -apple-system, sans-serif;
  font-size: 14px; line-height: 1.45; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
.page { max-width: 1120px; margin: 0 auto; padding: 28px 24px 48px; }
h1, h2, h3, h4, h5 { margin: 0; line-height: 1.25; }
h1 { font-size: 24px; }
h2 { font-size: 19px; padding: 6px 0; border-bottom: 2px solid var(--text); margin: 32px 0 12px; }
h3 { font-size: 16px; }
h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 0 8px; }
h5 { font-size: 14px; overflow-wrap: anywhere; }
a { color: var(--accent); }
code, .mono { font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.multiline { white-space: pre-wrap; overflow-wrap: anywhere; }

.summary { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 20px 24px; }
.eyebrow { margin: 0 0 4px; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.org { margin: 2px 0 16px; font-size: 16px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px 24px; margin: 0; }
.facts div { min-width: 0; }
.facts dt { font-size: 12px; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.facts .wide { grid-column: 1 / -1; }
.summary-note { margin: 16px 0 0; padding-top: 12px; border-top: 1px solid var(--border); color: var(--muted); }

table { width: 100%; border-collapse: collapse; background: var(--surface); border: 1px solid var(--border); }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #f0f2f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.none td { color: var(--danger); }

.control { margin: 18px 0 26px; }
.control-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.ref { font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace; font-weight: 700; background: #eef0f3; white-space: nowrap;
  border: 1px solid var(--border); border-radius: 4px; padding: 0 6px; }
.control-meta { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
.items { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.item { display: grid; grid-template-columns: 176px 1fr; gap: 16px; background: var(--surface); border: 1px solid var(--border);
  border-radius: 8px; padding: 12px; }
.thumb { display: grid; place-items: center; width: 176px; height: 120px; background: #f0f2f5; border: 1px solid var(--border);
  border-radius: 6px; overflow: hidden; text-decoration: none; color: var(--muted); font-weight: 700; }
.thumb img { width: 100%; height: 100%; object-fit: contain; display: block; }
.item-head { display: flex; gap: 10px; align-items: baseline; justify-content: space-between; flex-wrap: wrap; }
.item dl { display: grid; grid-template-columns: 128px 1fr; gap: 3px 12px; margin: 8px 0 0; font-size: 13px; }
.item dt { color: var(--muted); }
.item dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.hash { word-break: break-all; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; border: 1px solid; white-space: nowrap; }
.badge-approved { color: var(--ok); background: var(--ok-soft); border-color: #b7dfc5; }
.badge-rejected { color: var(--danger); background: var(--danger-soft); border-color: #f5c2bd; }
.badge-pending { color: var(--warn); background: var(--warn-soft); border-color: #f0d29a; }
.invalid { color: var(--danger); font-weight: 600; }
.also { margin: 10px 0 0; font-size: 13px; }
.also ul { margin: 4px 0 0; padding-left: 20px; }
.empty { color: var(--muted); font-style: italic; }
.keys td:last-child { word-break: break-all; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }

@media (max-width: 640px) {
  .item { grid-template-columns: 1fr; }
  .item dl { grid-template-columns: 1fr; }
}
@media print {
  :root { background: #fff; font-size: 11px; }
  @page { margin: 14mm 12mm; }
  .page { max-width: none; padding: 0; }
  .summary, .item, table { border-color: #999; }
  h2 { break-after: avoid; }
  .step > h2 { break-before: page; }
  h3, h4 { break-after: avoid; }
  .item, tr { break-inside: avoid; }
  .thumb { background: #fff; }
  a { color: inherit; text-decoration: none; }
}
`;
