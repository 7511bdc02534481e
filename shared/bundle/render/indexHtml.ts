import { FREQUENCY_LABELS, processingText, STEP_LABELS } from '../../domain/labels';
import type { ControlRecord, SystemReport } from '../../domain/records';
import { AUDIT_STEPS, type AuditStep } from '../../domain/types';
import { visibleName } from '../../files/visibleName';
import { buildCoverage, percentCovered } from '../../coverage/coverage';
import { TSC_CATEGORIES } from '../../domain/types';
import { outOfScopeSeries, seriesInScope } from '../../scope/controls';
import { countsInScope, scopeOfControl } from '../../scope/inScope';
import type { ReviewDecision } from '../../review/reviewState';
import { compareNumeric, compareText } from '../../text/compare';
import { formatBytes, formatInZone, formatUtc } from '../../time/format';
import type { BundleContent, BundledEvidence } from '../model';
import { compareRequestIds, requestIdsByControl, requestIdsOf } from '../requestLinks';
import { escapeHtml, relativeDataHref, visibleText } from './html';
import { INDEX_CSS } from './indexStyle';
import { kept } from '../../work/kept';

/**
 * No script, nothing remote: even a name that is markup stays text (everything is escaped), and
 * if escaping ever failed this policy would still stop it running or calling out. `img-src`
 * names `file:` beside 'self' because a file:// page has an opaque origin, which 'self' does not
 * match in every browser, and the thumbnails are the bag's own files next to this page.
 */
export const INDEX_CSP = "default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Image types every current browser shows in an <img>; SVG is left out, as it is a document. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);



const DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
  approved: 'Approved',
  rejected: 'Rejected',
  pending: 'Pending review',
};

/** One line of user text, escaped, with hidden characters shown. */
const line = (text: string): string => escapeHtml(visibleName(text));
/** Paragraphs of user text, escaped, hidden characters shown, line breaks kept (CSS pre-wrap). */
const para = (text: string): string => escapeHtml(visibleText(text));

export interface IndexOptions {
  /** Fingerprint of the key that signs the bag (signature.json), shown in the header. */
  readonly exporterKeyFingerprint?: string;
}

/**
 * data/index.html: the evidence index an auditor opens or prints, by step, then control, then
 * period slot. Pure string rendering: the same content always gives the same bytes.
 */
export function renderIndexHtml(content: BundleContent, options: IndexOptions = {}): string {
  const audit = content.audit;
  const anchors = new Map(content.evidence.map((item, i) => [item.record.id, `item-${i + 1}`]));
  const links = linksOf(content);
  const body = [
    summary(content, options),
    controlsOverview(content, links),
    requestsSection(content, links),
    ...AUDIT_STEPS.map((step) => stepSection(content, step, anchors, links)),
    excludedSection(content, anchors, links),
    keysSection(content),
    `<footer>Made by ${line(content.generator.name)} ${line(content.generator.version)} on ${escapeHtml(formatUtc(content.generatedAt))}. ` +
      `This page runs no script and loads nothing from the network.</footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(INDEX_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence index — ${line(audit.name)}</title>
<style>${INDEX_CSS}</style>
</head>
<body>
<main class="page">
${body}
</main>
</body>
</html>
`;
}

function fact(label: string, valueHtml: string, wide = false): string {
  return `<div${wide ? ' class="wide"' : ''}><dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd></div>`;
}

function periodText(content: BundleContent): string {
  const a = content.audit;
  return a.type === 'type1' ? `Type I, as of ${a.asOf ?? 'no date set'}` : `Type II, ${a.periodStart ?? '?'} to ${a.periodEnd ?? '?'}`;
}

function summary(content: BundleContent, options: IndexOptions): string {
  const counts = { approved: 0, rejected: 0, pending: 0 };
  const outOfScope = new Set(excluded(content).map((c) => c.id));
  const counted = content.evidence.filter((item) => countsInScope(item.record.controlIds, outOfScope));
  for (const item of counted) counts[item.decision] += 1;
  const apart = content.evidence.length - counted.length;
  const sel = content.selection;
  const filters = [
    sel.step === null ? null : `step ${sel.step}`,
    sel.from === null && sel.to === null ? null : `evidence dated ${sel.from ?? 'any time'} to ${sel.to ?? 'any time'}`,
    sel.controlIds === null ? null : `${sel.controlIds.length} selected control${sel.controlIds.length === 1 ? '' : 's'}`,
    sel.includeRejected ? 'rejected items included' : 'rejected items left out',
    sel.includeSuperseded ? 'superseded items included' : 'superseded items left out',
  ].filter((f): f is string => f !== null);
  const facts = [
    fact('Audit type and period', escapeHtml(periodText(content))),
    fact('Organization time zone', line(content.audit.timeZone)),
    fact(
      'Controls',
      `${escapeHtml(inScope(content).length)}${
        excluded(content).length === 0
          ? ''
          : ` <span class="muted">(<a href="#excluded-heading">${escapeHtml(excluded(content).length)} excluded from scope</a>)</span>`
      }`,
    ),
    fact(
      'Evidence items',
      `${escapeHtml(counted.length)} <span class="muted">(${escapeHtml(counts.approved)} approved, ${escapeHtml(counts.rejected)} rejected, ${escapeHtml(counts.pending)} pending)${
        apart === 0 ? '' : `; <a href="#excluded-heading">${escapeHtml(apart)} more under controls excluded from scope</a>`
      }</span>`,
    ),
    coverageFact(content),
    fact('Sign-offs', escapeHtml(content.signoffs.length)),
    fact('Audit-trail entries', escapeHtml(content.log.length)),
    fact('Generated', escapeHtml(formatUtc(content.generatedAt))),
    fact('Bag', `<span class="mono">${line(content.bagName)}</span>`),
    fact('What was exported', escapeHtml(filters.join('; '))),
    options.exporterKeyFingerprint === undefined
      ? ''
      : fact('Bag signed by key (fingerprint)', `<span class="mono">${line(options.exporterKeyFingerprint)}</span>`, true),
  ];
  return `<header class="summary">
<p class="eyebrow">SOC 2 evidence index</p>
<h1>${line(content.audit.name)}</h1>
<p class="org">${line(content.audit.organization)}</p>
<dl class="facts">${facts.join('')}</dl>
<p class="summary-note">Every file's SHA-256 is listed below and in <code>manifest-sha256.txt</code>. To check every hash and signature, open <a href="VERIFY.html">VERIFY.html</a> and choose the unzipped bundle folder; the data is also in <a href="manifest.json">manifest.json</a>, <a href="evidence.csv">evidence.csv</a> and <a href="audit-log.jsonl">audit-log.jsonl</a>.</p>
</header>`;
}

/**
 * Slots covered as of the export, by the one definition the app's screens use (coverage/due.ts):
 * over the in-scope, active controls and the items in this bundle.
 */
function coverageFact(content: BundleContent): string {
  const decisions = new Map(content.evidence.map((e) => [e.record.id, e.decision]));
  let totals;
  try {
    const controls = content.controls.filter((c) => scopeOfControl(c, content.audit.categories) === 'in');
    totals = buildCoverage(content.audit, controls, content.evidence.map((e) => e.record), (id) => decisions.get(id) ?? 'pending', content.generatedAt).totals;
  } catch {
    return '';
  }
  const percent = percentCovered(totals);
  const headline = percent === null ? 'no slot due yet' : `${percent} % of due slots`;
  return fact(
    'Slots covered, as of export',
    `${escapeHtml(headline)} <span class="muted">(${escapeHtml(totals.covered)} of ${escapeHtml(totals.due)} due covered, ${escapeHtml(totals.overdue)} overdue, ${escapeHtml(totals.notDue)} not due yet)</span>`,
  );
}

/** Controls the audit tests (retired ones included, marked): the ones Scope left out are listed apart. */
function inScope(content: BundleContent): ControlRecord[] {
  return content.controls.filter((c) => !isExcluded(c, content));
}

function excluded(content: BundleContent): ControlRecord[] {
  return content.controls.filter((c) => isExcluded(c, content)).sort(byRef);
}

function isExcluded(control: ControlRecord, content: BundleContent): boolean {
  return scopeOfControl(control, content.audit.categories) === 'out-of-scope';
}

function byRef(a: ControlRecord, b: ControlRecord): number {
  return compareNumeric(a.ref, b.ref) || compareText(a.id, b.id);
}

/**
 * How the page's parts point at each other: each control's evidence section per step (a control
 * can have evidence in Fieldwork and in Remediation), and the request ids (PBC list) of each control.
 */
interface Links {
  /** Control id → the anchors of its sections, in step order, with the step. */
  readonly sections: ReadonlyMap<string, readonly { readonly step: AuditStep; readonly anchor: string }[]>;
  readonly requestIds: ReadonlyMap<string, readonly string[]>;
}

function linksOf(content: BundleContent): Links {
  const order = new Map([...content.controls].sort(byRef).map((c, i) => [c.id, i + 1]));
  const steps = new Map<string, Set<AuditStep>>();
  for (const item of content.evidence) {
    for (const id of item.record.controlIds) steps.set(id, (steps.get(id) ?? new Set()).add(item.record.step));
  }
  const sections = new Map<string, { step: AuditStep; anchor: string }[]>();
  for (const [id, used] of steps) {
    const n = order.get(id);
    if (n === undefined) continue;
    sections.set(
      id,
      AUDIT_STEPS.filter((step) => used.has(step)).map((step) => ({ step, anchor: controlAnchor(n, step) })),
    );
  }
  return { sections, requestIds: requestIdsByControl(content.requests) };
}

function controlAnchor(n: number, step: AuditStep): string {
  return `control-${n}-${step}`;
}

/** The control's ref, linked to its first evidence section when it has one. */
function refLink(control: ControlRecord, links: Links): string {
  const first = links.sections.get(control.id)?.[0];
  const ref = `<span class="ref">${line(control.ref)}</span>`;
  return first === undefined ? ref : `<a href="#${escapeHtml(first.anchor)}">${ref}</a>`;
}

const byControlOf = new WeakMap<BundleContent, ReadonlyMap<string, readonly BundledEvidence[]>>();

/** Items by each control they are linked to, in bundle order: one pass per content, not one per control (200 × 10,000). */
function itemsByControl(content: BundleContent): ReadonlyMap<string, readonly BundledEvidence[]> {
  return kept(byControlOf, content, () => {
    const byControl = new Map<string, BundledEvidence[]>();
    for (const item of content.evidence) {
      for (const id of new Set(item.record.controlIds)) {
        const list = byControl.get(id);
        if (list) list.push(item);
        else byControl.set(id, [item]);
      }
    }
    return byControl;
  });
}

const byIdOf = new WeakMap<BundleContent, ReadonlyMap<string, BundledEvidence>>();

/** A bundled item by id: re-captures and system reports refer to other items (a scan each was 10,000 × 10,000). */
function itemById(content: BundleContent, id: string): BundledEvidence | undefined {
  return kept(byIdOf, content, () => new Map(content.evidence.map((e) => [e.record.id, e]))).get(id);
}

/** One formatter for counts: Number#toLocaleString builds its own on every call. */
const COUNT = new Intl.NumberFormat('en-US');

function controlsOverview(content: BundleContent, links: Links): string {
  const controls = inScope(content);
  if (controls.length === 0) return '';
  const byControl = itemsByControl(content);
  const rows = controls.sort(byRef).map((c) => {
    const items = byControl.get(c.id) ?? [];
    const n = (d: ReviewDecision): number => items.filter((e) => e.decision === d).length;
    const sections = links.sections.get(c.id) ?? [];
    // With evidence in more than one step, the count says where each part is.
    const count =
      items.length === 0
        ? 'none'
        : sections.length > 1
          ? sections
              .map(({ step, anchor }) => {
                const k = items.filter((e) => e.record.step === step).length;
                return `<a href="#${escapeHtml(anchor)}">${escapeHtml(k)} in ${escapeHtml(STEP_LABELS[step])}</a>`;
              })
              .join('<br>')
          : `<a href="#${escapeHtml(sections[0]?.anchor ?? '')}">${escapeHtml(items.length)}</a>`;
    const requests = (links.requestIds.get(c.id) ?? []).map(line).join(', ');
    return `<tr${items.length === 0 ? ' class="none"' : ''}><td>${refLink(c, links)}</td><td>${line(c.title)}${c.retired ? ' <span class="muted">(retired)</span>' : ''}</td><td>${escapeHtml(FREQUENCY_LABELS[c.frequency] ?? c.frequency)}</td><td>${line(c.criteria.join(', '))}</td><td>${requests === '' ? '<span class="muted">—</span>' : requests}</td><td class="num">${count}</td><td class="num">${escapeHtml(n('approved'))}</td><td class="num">${escapeHtml(n('pending'))}</td><td class="num">${escapeHtml(n('rejected'))}</td></tr>`;
  });
  return `<section aria-labelledby="controls-heading">
<h2 id="controls-heading">Controls</h2>
<table>
<thead><tr><th scope="col">Ref</th><th scope="col">Control</th><th scope="col">Frequency</th><th scope="col">Criteria</th><th scope="col">PBC requests</th><th scope="col" class="num">Items</th><th scope="col" class="num">Approved</th><th scope="col" class="num">Pending</th><th scope="col" class="num">Rejected</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

/** The auditor's request list, each request linked to the evidence of its controls. */
function requestsSection(content: BundleContent, links: Links): string {
  if (content.requests.length === 0) return '';
  const controlsById = new Map(content.controls.map((c) => [c.id, c]));
  const byControl = itemsByControl(content);
  const rows = [...content.requests]
    .sort((a, b) => compareRequestIds(a.requestId, b.requestId))
    .map((r) => {
      const controls = r.controlIds.map((id) => controlsById.get(id)).filter((c): c is ControlRecord => c !== undefined);
      // Distinct items: one linked to two of the request's controls counts once.
      const items = new Set(r.controlIds.flatMap((id) => byControl.get(id) ?? [])).size;
      return `<tr${items === 0 ? ' class="none"' : ''}><td><span class="ref">${line(r.requestId)}</span></td><td><span class="multiline">${para(r.description)}</span></td><td>${
        controls.length === 0 ? '<span class="muted">not linked to a control</span>' : controls.sort(byRef).map((c) => refLink(c, links)).join(', ')
      }</td><td>${r.dueDate === null ? '<span class="muted">—</span>' : escapeHtml(r.dueDate)}</td><td class="num">${items === 0 ? 'none' : escapeHtml(items)}</td></tr>`;
    });
  return `<section aria-labelledby="requests-heading">
<h2 id="requests-heading">Request list (PBC)</h2>
<table>
<thead><tr><th scope="col">Request</th><th scope="col">What was asked</th><th scope="col">Controls</th><th scope="col">Due</th><th scope="col" class="num">Items</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

interface ControlGroup {
  readonly control: ControlRecord | null;
  readonly ref: string;
  readonly filed: BundledEvidence[];
  readonly alsoCovers: BundledEvidence[];
}

/**
 * An item is filed under its first control (whose slot it carries and whose folder holds it) and
 * listed by reference under its other controls, so an auditor testing any one control sees it.
 */
function groupsOfStep(content: BundleContent, step: AuditStep): ControlGroup[] {
  const controlsById = new Map(content.controls.map((c) => [c.id, c]));
  const groups = new Map<string, ControlGroup>();
  const groupFor = (id: string | null, fallbackRef: string): ControlGroup => {
    const key = id ?? '';
    const existing = groups.get(key);
    if (existing) return existing;
    const control = id === null ? null : (controlsById.get(id) ?? null);
    const group: ControlGroup = { control, ref: control?.ref ?? fallbackRef, filed: [], alsoCovers: [] };
    groups.set(key, group);
    return group;
  };
  for (const item of content.evidence) {
    if (item.record.step !== step) continue;
    const ids = item.record.controlIds;
    if (ids.length === 0) groupFor(null, '').filed.push(item);
    ids.forEach((id, i) => {
      const group = groupFor(id, item.controlRefs[i] ?? id);
      (i === 0 ? group.filed : group.alsoCovers).push(item);
    });
  }
  return [...groups.values()].sort((a, b) => {
    if (a.control === null || b.control === null) return a.control === null ? 1 : -1;
    return byRef(a.control, b.control);
  });
}

function stepSection(content: BundleContent, step: AuditStep, anchors: ReadonlyMap<string, string>, links: Links): string {
  const groups = groupsOfStep(content, step).filter((g) => g.control === null || !isExcluded(g.control, content));
  if (groups.length === 0) return '';
  return `<section class="step" aria-labelledby="step-${step}">
<h2 id="step-${step}">${escapeHtml(STEP_LABELS[step])}</h2>
${groups.map((g) => controlSection(content, g, anchors, links, step)).join('\n')}
</section>`;
}

function controlSection(content: BundleContent, group: ControlGroup, anchors: ReadonlyMap<string, string>, links: Links, step: AuditStep): string {
  const c = group.control;
  const anchor = c === null ? undefined : links.sections.get(c.id)?.find((s) => s.step === step)?.anchor;
  const heading =
    c === null
      ? group.ref === ''
        ? '<h3>Not linked to a control</h3>'
        : `<h3><span class="ref">${line(group.ref)}</span> <span class="muted">(control not in this bundle)</span></h3>`
      : `<h3 class="control-head"><span class="ref">${line(c.ref)}</span> ${line(c.title)}</h3>
<p class="control-meta">${escapeHtml(FREQUENCY_LABELS[c.frequency] ?? c.frequency)} · ${c.criteria.length > 0 ? line(c.criteria.join(', ')) : 'no criteria mapped'} · owner ${c.owner.trim() === '' ? 'not set' : line(c.owner)}</p>`;

  const slots = new Map<string, { label: string; items: BundledEvidence[] }>();
  for (const item of group.filed) {
    const key = item.slot?.id ?? '\uffff';
    const label = item.slot?.label ?? (item.record.controlIds.length > 0 ? 'Outside the audit window' : 'Items');
    const slot = slots.get(key) ?? { label, items: [] };
    slot.items.push(item);
    slots.set(key, slot);
  }
  const slotHtml = [...slots.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, slot]) => {
      const items = [...slot.items].sort((a, b) => compareText(a.record.evidenceDate, b.record.evidenceDate) || compareText(a.path, b.path));
      return `<h4>${line(slot.label)}</h4>
<ol class="items">
${items.map((item) => itemHtml(content, item, anchors, links)).join('\n')}
</ol>`;
    });

  const also =
    group.alsoCovers.length === 0
      ? ''
      : `<div class="also">Also evidence for this control, filed under another:<ul>${group.alsoCovers
          .map((item) => `<li><a href="#${escapeHtml(anchors.get(item.record.id) ?? '')}">${line(item.record.name)}</a> <span class="muted">(under ${line(item.controlRefs[0] ?? '')})</span></li>`)
          .join('')}</ul></div>`;
  const empty = group.filed.length === 0 && group.alsoCovers.length === 0 ? '<p class="empty">No evidence.</p>' : '';
  return `<section class="control"${anchor === undefined ? '' : ` id="${escapeHtml(anchor)}"`}>
${heading}
${slotHtml.join('\n')}${also}${empty}
</section>`;
}

/**
 * Controls the audit's scope leaves out, apart from the rest and labelled: an auditor asks about
 * exclusions. Evidence filed under them is still in the bag, so it is listed here in full.
 */
function excludedSection(content: BundleContent, anchors: ReadonlyMap<string, string>, links: Links): string {
  const controls = excluded(content);
  if (controls.length === 0) return '';
  const rows = controls.map((c) => {
    const items = itemsByControl(content).get(c.id)?.length ?? 0;
    const why = outOfScopeSeries(c.criteria, content.audit.categories)
      .map((series) => TSC_CATEGORIES[series])
      .join(', ');
    return `<tr><td>${refLink(c, links)}</td><td>${line(c.title)}</td><td>${line(c.criteria.join(', '))}</td><td>${escapeHtml(why)} not in scope</td><td class="num">${items === 0 ? '<span class="muted">none</span>' : escapeHtml(items)}</td></tr>`;
  });
  const evidence = AUDIT_STEPS.flatMap((step) =>
    groupsOfStep(content, step)
      .filter((g) => g.control !== null && isExcluded(g.control, content) && g.filed.length > 0)
      .map((g) => controlSection(content, g, anchors, links, step)),
  );
  return `<section class="excluded" aria-labelledby="excluded-heading">
<h2 id="excluded-heading">Excluded from scope</h2>
<p class="muted">The audit covers ${escapeHtml(
    [...seriesInScope(content.audit.categories)].map((series) => TSC_CATEGORIES[series]).join(', '),
  )}. These controls map only to criteria of other categories: they are not tested and count in none of the figures above.</p>
<table>
<thead><tr><th scope="col">Ref</th><th scope="col">Control</th><th scope="col">Criteria</th><th scope="col">Why excluded</th><th scope="col" class="num">Items</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${evidence.join('\n')}
</section>`;
}

function thumbnail(item: BundledEvidence): string {
  const href = relativeDataHref(item.path);
  const r = item.record;
  const ext = (r.name.includes('.') ? (r.name.split('.').pop() ?? '') : '').slice(0, 6).toUpperCase() || 'FILE';
  if (href === null) return `<span class="thumb">${line(ext)}</span>`;
  const inner = PREVIEWABLE.has(r.mime)
    ? `<img src="${escapeHtml(href)}" alt="Preview of ${line(r.name)}" decoding="async">`
    : line(ext);
  return `<a class="thumb" href="${escapeHtml(href)}" aria-label="Open ${line(r.name)}">${inner}</a>`;
}

function reviewHtml(item: BundledEvidence): string {
  const s = item.signoff?.payload;
  if (!s) return 'No sign-off yet';
  const who = `${line(s.reviewer.name)}${s.reviewer.role.trim() === '' ? '' : `, ${line(s.reviewer.role)}`}`;
  const signed = `${escapeHtml(DECISION_LABELS[s.decision])} by ${who}, ${escapeHtml(formatUtc(s.at))}`;
  return item.signoffValid === false
    ? `${signed} <span class="invalid">— this sign-off does not verify and does not count</span>`
    : signed;
}

function sourceHtml(item: BundledEvidence): string {
  const s = item.record.source;
  return s.kind === 'display'
    ? `Screenshot of display ${line(s.displayName)}`
    : `File ${line(s.originalName)}, modified ${escapeHtml(formatUtc(s.modifiedAt))}`;
}

function refTo(id: string | null, content: BundleContent, anchors: ReadonlyMap<string, string>): string {
  if (id === null) return '';
  const anchor = anchors.get(id);
  const target = itemById(content, id);
  return anchor !== undefined && target !== undefined
    ? `<a href="#${escapeHtml(anchor)}">${line(target.record.name)}</a>`
    : `an item not in this bundle <span class="mono">${line(id)}</span>`;
}

function originalHtml(item: BundledEvidence): string {
  const o = item.record.original;
  if (o === null) return '';
  const facts = `${o.width} × ${o.height} px, ${escapeHtml(formatBytes(o.size))} · SHA-256 <code class="hash">${line(o.sha256)}</code>`;
  if (!o.stored) return `${facts}<br>Not kept: redaction was applied, so only the hash of the raw capture survives.`;
  if (item.originalPath === null) return facts;
  const href = relativeDataHref(item.originalPath);
  return `${facts}<br>${href === null ? `<code>${line(item.originalPath)}</code>` : `<a href="${escapeHtml(href)}"><code>${line(item.originalPath)}</code></a>`}`;
}

/** Where a system report came from, for completeness and accuracy testing (PCAOB AS 1105.10). */
function systemReportRows(report: SystemReport, content: BundleContent, anchors: ReadonlyMap<string, string>): [string, string][] {
  const notRecorded = '<span class="muted">not recorded</span>';
  return [
    ['System report from', line(report.sourceSystem)],
    ['Query or filter', report.query.trim() === '' ? notRecorded : `<code class="multiline">${para(report.query)}</code>`],
    ['Row count', report.rowCount === null ? notRecorded : escapeHtml(COUNT.format(report.rowCount))],
    [
      'Extracted',
      report.extractedAt === null
        ? notRecorded
        : `${escapeHtml(formatUtc(report.extractedAt))} <span class="muted">· ${escapeHtml(formatInZone(report.extractedAt, content.audit.timeZone))}</span>`,
    ],
    ['Filter screenshot', report.filterScreenshotId === null ? notRecorded : refTo(report.filterScreenshotId, content, anchors)],
  ];
}

function itemHtml(content: BundleContent, item: BundledEvidence, anchors: ReadonlyMap<string, string>, links: Links): string {
  const r = item.record;
  const href = relativeDataHref(item.path);
  const rows: [string, string][] = [
    ['Evidence date', `${escapeHtml(formatInZone(r.evidenceDate, content.audit.timeZone))} <span class="muted">· ${escapeHtml(formatUtc(r.evidenceDate))}</span>`],
    ['Captured', `${escapeHtml(formatUtc(r.capturedAt))} <span class="muted">· ${escapeHtml(formatInZone(r.capturedAt, r.timeZone))}</span>`],
    ['Captured by', `${line(r.capturedBy)} on ${line(r.host)}`],
    ['Source', sourceHtml(item)],
    ['Processing', r.processing.length === 0 ? 'none (bytes as captured)' : line(processingText(r.processing))],
    ['Controls', line(item.controlRefs.join(', ')) || 'none'],
    ['PBC requests', requestIdsOf(r.controlIds, links.requestIds).map(line).join(', ') || '<span class="muted">none</span>'],
    ['Size and type', `${escapeHtml(formatBytes(r.size))} <span class="muted">(${escapeHtml(COUNT.format(r.size))} bytes)</span> · ${line(r.mime)}`],
    ['SHA-256', `<code class="hash">${line(r.sha256)}</code>`],
    ['File', href === null ? `<code>${line(item.path)}</code>` : `<a href="${escapeHtml(href)}"><code>${line(item.path)}</code></a>`],
    ['Review', reviewHtml(item)],
  ];
  const comment = item.signoff?.payload.comment ?? '';
  if (comment.trim() !== '') rows.push(['Reviewer comment', `<span class="multiline">${para(comment)}</span>`]);
  if (r.notes.trim() !== '') rows.push(['Notes', `<span class="multiline">${para(r.notes)}</span>`]);
  if (r.original !== null) rows.push(['Raw capture', originalHtml(item)]);
  if (r.systemReport !== null) rows.push(...systemReportRows(r.systemReport, content, anchors));
  if (r.supersedes !== null) rows.push(['Replaces', refTo(r.supersedes, content, anchors)]);
  if (item.supersededBy !== null) rows.push(['Replaced by', refTo(item.supersededBy, content, anchors)]);
  return `<li class="item" id="${escapeHtml(anchors.get(r.id) ?? '')}">
${thumbnail(item)}
<div>
<div class="item-head"><h5>${line(r.name)}</h5><span class="badge badge-${item.decision}">${escapeHtml(DECISION_LABELS[item.decision])}</span></div>
<dl>${rows.map(([dt, dd]) => `<dt>${escapeHtml(dt)}</dt><dd>${dd}</dd>`).join('')}</dl>
</div>
</li>`;
}

function keysSection(content: BundleContent): string {
  if (content.keys.length === 0) return '';
  const rows = content.keys.map(
    (k) => `<tr><td>${line(k.name)}</td><td>${line(k.role)}</td><td><span class="mono">${line(k.fingerprint)}</span></td></tr>`,
  );
  return `<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Signing keys</h2>
<p class="muted">A key proves that sign-offs came from one key, not who held it: confirm each fingerprint with its owner by another channel (phone, in person).</p>
<table class="keys">
<thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Fingerprint (SHA-256 of the public key)</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}
