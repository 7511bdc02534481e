import { describe, expect, it } from 'vitest';
import type { BundleContent, BundledEvidence } from '../../../shared/bundle/model';
import { escapeHtml, relativeDataHref } from '../../../shared/bundle/render/html';
import { INDEX_CSP, renderIndexHtml } from '../../../shared/bundle/render/indexHtml';
import { visibleName } from '../../../shared/files/visibleName';
import { miniBundleContent, type MiniBagText } from '../../support/miniBag';

const HOSTILE: Required<MiniBagText> = {
  organization: `Acme <script>alert("org")</script> & 'Sons'`,
  auditName: `"><img src=x onerror=alert(1)> SOC 2`,
  firstName: `invoice\u202Egnp.exe <script>alert(2)</script>.png`,
  firstNotes: `javascript:alert(3)\n<a href="javascript:alert(4)">click</a>`,
  secondName: `"><svg onload=alert(5)>.csv`,
  secondNotes: `' onmouseover='alert(6)`,
  comment: `</dd></dl><script>alert(7)</script>`,
};

/** Attributes the renderer writes; anything else in a tag means markup got through. */
const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'src', 'alt', 'decoding', 'aria-label', 'aria-labelledby', 'scope']);

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/**
 * Every '<' in the page must open a well-formed tag of ours: escaped text never contains one.
 * Returns the tags and the text between them with the five entities decoded.
 */
function parsePage(html: string): { tags: Tag[]; text: string } {
  const tags: Tag[] = [];
  const text: string[] = [];
  const tagPattern = /^<(?:!doctype html|\/([a-z0-9]+)|([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*)>/;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    text.push(html.slice(i, lt === -1 ? html.length : lt));
    if (lt === -1) break;
    const match = tagPattern.exec(html.slice(lt));
    if (!match) throw new Error(`not a tag of ours at ${lt}: ${html.slice(lt, lt + 80)}`);
    if (match[2]) {
      const attributes = new Map<string, string>();
      for (const [, name, value] of (match[3] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attributes.set(name!, value ?? '');
      tags.push({ name: match[2], attributes });
      if (match[2] === 'style') {
        const end = html.indexOf('</style>', lt);
        i = end;
        continue;
      }
    }
    i = lt + match[0].length;
  }
  const decoded = text
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return { tags, text: decoded };
}

async function hostilePage(): Promise<{ html: string; content: BundleContent }> {
  const { content } = await miniBundleContent(HOSTILE);
  return { html: renderIndexHtml(content, { exporterKeyFingerprint: content.keys[0]!.fingerprint }), content };
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and in quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('relativeDataHref', () => {
  it.each([
    ['data/evidence/AC-01/2026-Q1/001-x.png', 'evidence/AC-01/2026-Q1/001-x.png'],
    ['data/evidence/A B/#1?.png', 'evidence/A%20B/%231%3F.png'],
  ])('links %s relative to data/ as %s', (path, href) => {
    expect(relativeDataHref(path)).toBe(href);
  });

  it.each(['evidence/x.png', 'data/../bagit.txt', 'data/evidence//x.png', 'javascript:alert(1)', 'data/evidence/c:\\x', '/etc/passwd', 'data/./x'])(
    'refuses to link %s',
    (path) => {
      expect(relativeDataHref(path)).toBeNull();
    },
  );
});

describe('data/index.html', () => {
  it('has a strict CSP first in <head> and no script at all', async () => {
    const { html } = await hostilePage();
    const { tags } = parsePage(html);
    const csp = tags.filter((t) => t.attributes.get('http-equiv') === 'Content-Security-Policy');
    expect(csp).toHaveLength(1);
    // Before anything that could load: only <html>, <head> and the charset come first.
    expect(tags.slice(0, tags.indexOf(csp[0]!)).map((t) => t.name)).toEqual(['html', 'head', 'meta']);
    expect(csp[0]!.attributes.get('content')).toBe(escapeHtml(INDEX_CSP));
    expect(INDEX_CSP).toContain("default-src 'none'");
    expect(INDEX_CSP).not.toMatch(/script-src|https?:/);
    expect(tags.map((t) => t.name)).not.toContain('script');
    expect(html).not.toMatch(/<script/i);
  });

  it('keeps hostile names, notes, organization and comments as text: no tag or handler of theirs exists', async () => {
    const { html } = await hostilePage();
    const { tags } = parsePage(html);
    for (const tag of tags) {
      for (const name of tag.attributes.keys()) expect(ALLOWED_ATTRIBUTES, `<${tag.name} ${name}>`).toContain(name);
    }
    expect(tags.filter((t) => t.name === 'svg' || t.name === 'script')).toEqual([]);
    expect(tags.filter((t) => t.name === 'img').map((t) => t.attributes.get('src'))).toEqual(['evidence/AC-01/2026-Q1/001-okta-users-screenshot.png']);
  });

  it('shows every hostile string literally, hidden characters made visible', async () => {
    const { html } = await hostilePage();
    const { text } = parsePage(html);
    expect(text).toContain(HOSTILE.organization);
    expect(text).toContain(HOSTILE.auditName);
    expect(text).toContain(visibleName(HOSTILE.firstName));
    expect(text).toContain('invoice⟨U+202E⟩gnp.exe');
    expect(text).not.toContain('\u202E');
    expect(text).toContain(HOSTILE.firstNotes);
    expect(text).toContain(HOSTILE.secondName);
    expect(text).toContain(HOSTILE.secondNotes);
    expect(text).toContain(HOSTILE.comment);
  });

  it('links only inside the bag: this page, its sibling files and evidence/ paths', async () => {
    const { html } = await hostilePage();
    const hrefs = parsePage(html).tags.flatMap((t) => [t.attributes.get('href'), t.attributes.get('src')]).filter((h): h is string => h !== undefined);
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) {
      expect(href).toMatch(/^(#item-\d+|#control-\d+-[a-z]+|VERIFY\.html|manifest\.json|evidence\.csv|audit-log\.jsonl|evidence\/[A-Za-z0-9._%-]+(\/[A-Za-z0-9._%-]+)*)$/);
      expect(href).not.toContain('..');
    }
  });

  it('renders an item whose path is not a safe data/ path without a link or preview', async () => {
    const { content } = await miniBundleContent();
    const evil: BundledEvidence = { ...content.evidence[0]!, path: 'javascript:alert(1)//data/x.png' };
    const { tags, text } = parsePage(renderIndexHtml({ ...content, evidence: [evil] }));
    expect(tags.some((t) => (t.attributes.get('href') ?? '').includes('javascript'))).toBe(false);
    expect(tags.some((t) => t.name === 'img')).toBe(false);
    expect(text).toContain('javascript:alert(1)//data/x.png');
  });

  it('sums up the audit: organization, type and period, time zone, counts, generated time and the exporter key', async () => {
    const { content } = await miniBundleContent();
    const { text } = parsePage(renderIndexHtml(content, { exporterKeyFingerprint: 'abcd '.repeat(15) + 'abcd' }));
    expect(text).toContain('Acme Cloud GmbH');
    expect(text).toContain('Type II, 2026-01-01 to 2026-06-30');
    expect(text).toContain('Europe/Berlin');
    expect(text).toMatch(/Evidence items\s*2\s*\(1 approved, 0 rejected, 1 pending\)/);
    expect(text).toContain('2026-04-05 10:00:00 UTC');
    expect(text).toContain('abcd '.repeat(15) + 'abcd');
  });

  it('orders sections by step, then control ref, then slot, with unslotted items last', async () => {
    const { content } = await miniBundleContent();
    const [a, b] = content.evidence as [BundledEvidence, BundledEvidence];
    const remediation: BundledEvidence = { ...b, path: 'data/evidence/AC-01/x/003-fix.csv', record: { ...b.record, id: 'ev-3', step: 'remediation', name: 'fix.csv' } };
    const late: BundledEvidence = { ...b, path: 'data/evidence/AC-01/x/004-late.csv', slot: null, record: { ...b.record, id: 'ev-4', name: 'late.csv' } };
    const q2: BundledEvidence = { ...b, path: 'data/evidence/AC-01/x/005-q2.csv', slot: { id: '2026-Q2', label: 'Q2 2026' }, record: { ...b.record, id: 'ev-5', name: 'q2.csv' } };
    const html = renderIndexHtml({ ...content, evidence: [late, q2, a, remediation] });
    const headings = [...html.matchAll(/<(h[2-5])[^>]*>(.*?)<\/\1>/gs)].map(([, level, inner]) => `${level} ${inner!.replace(/<[^>]+>/g, '')}`);
    expect(headings).toEqual([
      'h2 Controls',
      'h2 Request list (PBC)',
      'h2 Remediation',
      'h3 AC-01 Quarterly user access review',
      'h4 Q1 2026',
      'h5 fix.csv',
      'h2 Fieldwork',
      'h3 AC-01 Quarterly user access review',
      'h4 Q1 2026',
      'h5 Okta users screenshot.png',
      'h4 Q2 2026',
      'h5 q2.csv',
      'h4 Outside the audit window',
      'h5 late.csv',
      'h3 AC-02 Terminated users removed within one business day',
      'h2 Signing keys',
    ]);
  });

  it('is the same bytes every time for the same content', async () => {
    const { content } = await miniBundleContent();
    expect(renderIndexHtml(content)).toBe(renderIndexHtml(content));
  });
});

describe('PBC requests and control links in data/index.html (issue #13)', () => {
  it('links every control that has evidence to its section, and every such link lands on an element', async () => {
    const { content } = await miniBundleContent();
    const html = renderIndexHtml(content);
    const ids = new Set(parsePage(html).tags.map((t) => t.attributes.get('id')).filter((id) => id !== undefined));
    const controlLinks = [...html.matchAll(/href="(#control-[^"]+)"/g)].map(([, href]) => href!);
    expect(controlLinks.length).toBeGreaterThan(0);
    for (const href of controlLinks) expect(ids.has(href.slice(1)), href).toBe(true);
    // AC-01's row in the Controls table: ref and item count both lead to its Fieldwork section.
    const ac01 = /<tr><td><a href="(#control-\d+-fieldwork)"><span class="ref">AC-01<\/span><\/a><\/td>.*?<\/tr>/.exec(html);
    expect(ac01?.[0]).toContain(`<a href="${ac01?.[1]}">2</a>`);
    expect(html).toContain(`<section class="control" id="${ac01?.[1]?.slice(1)}">`);
  });

  it('shows each control\'s request ids, the request list, and the requests each item answers', async () => {
    const { content } = await miniBundleContent();
    const html = renderIndexHtml({
      ...content,
      requests: [...content.requests, { ...content.requests[0]!, id: 'r-2', requestId: 'PBC-020', description: 'Not linked yet', controlIds: [] }],
    });
    const { text } = parsePage(html);
    expect(text).toContain('PBC requests');
    expect(html).toMatch(/<span class="ref">AC-01<\/span><\/a><\/td><td>Quarterly user access review<\/td><td>Quarterly<\/td><td>CC6\.2, CC6\.3<\/td><td>PBC-014<\/td>/);
    expect(html).toContain('<h2 id="requests-heading">Request list (PBC)</h2>');
    expect(html).toMatch(/<td><span class="ref">PBC-014<\/span><\/td><td><span class="multiline">User access review, Q1<\/span><\/td><td><a href="#control-\d+-fieldwork"><span class="ref">AC-01<\/span><\/a><\/td><td>2026-04-15<\/td><td class="num">2<\/td>/);
    expect(html).toMatch(/<tr class="none"><td><span class="ref">PBC-020<\/span>.*?not linked to a control/);
    expect(html.match(/<dt>PBC requests<\/dt><dd>PBC-014<\/dd>/g)).toHaveLength(2);
  });

  it('keeps a hostile request id and description as text', async () => {
    const { content } = await miniBundleContent();
    const hostile = { ...content.requests[0]!, requestId: '<script>alert(8)</script>', description: '<img src=x onerror=alert(9)>' };
    const html = renderIndexHtml({ ...content, requests: [hostile] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(parsePage(html).text).toContain('<script>alert(8)</script>');
  });
});

describe('a system report in data/index.html', () => {
  async function reportPage(report: BundledEvidence['record']['systemReport']): Promise<{ html: string; text: string }> {
    const { content } = await miniBundleContent();
    const [shot, csv] = content.evidence as [BundledEvidence, BundledEvidence];
    const html = renderIndexHtml({ ...content, evidence: [shot, { ...csv, record: { ...csv.record, systemReport: report } }] });
    // Cells are joined by spaces when the tags are taken out; one space reads as the page does.
    return { html, text: parsePage(html).text.replace(/ {2,}/g, ' ') };
  }

  it('lists source system, query, row count, extraction time in UTC and the audit zone, and links the filter screenshot', async () => {
    const { html, text } = await reportPage({
      sourceSystem: 'Okta',
      query: 'status eq "ACTIVE"\nand type eq "employee"',
      rowCount: 1204,
      extractedAt: '2026-03-31T15:58:00.000Z',
      filterScreenshotId: 'ev-1',
    });
    expect(text).toContain('System report from Okta');
    expect(text).toContain('Query or filter status eq "ACTIVE"\nand type eq "employee"');
    expect(text).toContain('Row count 1,204');
    expect(text).toContain('Extracted 2026-03-31 15:58:00 UTC · 2026-03-31 17:58:00 Europe/Berlin (GMT+2)');
    // The screenshot is the first item of the page: its anchor is item-1.
    expect(html).toContain('<dt>Filter screenshot</dt><dd><a href="#item-1">Okta users screenshot.png</a></dd>');
  });

  it('says what was not recorded, and names a screenshot left out of the bundle', async () => {
    const { html, text } = await reportPage({ sourceSystem: 'Jira', query: '', rowCount: null, extractedAt: null, filterScreenshotId: 'ev-gone' });
    expect(text).toContain('System report from Jira');
    expect(text).toContain('Row count not recorded');
    expect(text).toContain('Extracted not recorded');
    expect(html).toContain('an item not in this bundle <span class="mono">ev-gone</span>');
  });

  it('keeps a hostile source system and query as text', async () => {
    const { html, text } = await reportPage({ sourceSystem: '<script>alert(8)</script>', query: '"><img src=x onerror=alert(9)>', rowCount: 1, extractedAt: null, filterScreenshotId: null });
    const { tags } = parsePage(html);
    expect(tags.some((t) => t.name === 'script' || t.attributes.has('onerror'))).toBe(false);
    expect(text).toContain('System report from <script>alert(8)</script>');
    expect(text).toContain('"><img src=x onerror=alert(9)>');
  });

  it('shows no system report rows for an item that is not one', async () => {
    const { text } = await reportPage(null);
    expect(text).not.toContain('System report from');
    expect(text).not.toContain('Filter screenshot');
  });
});
