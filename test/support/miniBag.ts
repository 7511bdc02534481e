import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { PNG } from 'pngjs';
import type { ControlRecord, EvidenceRecord, LogEntry } from '../../shared/domain/records';
import { BUNDLE_FORMAT_VERSION, type BundleContent, type BundledEvidence } from '../../shared/bundle/model';
import { renderAuditLogJsonl } from '../../shared/bundle/render/auditLogJsonl';
import { renderEvidenceCsv } from '../../shared/bundle/render/evidenceCsv';
import { renderIndexHtml } from '../../shared/bundle/render/indexHtml';
import { renderManifestJson } from '../../shared/bundle/render/manifestJson';
import { renderVerifyHtml } from '../../shared/bundle/render/verifyHtml';
import { nextEntry } from '../../shared/log/chain';
import { fingerprintOf, generateReviewerKeys } from '../../shared/signing/ed25519';
import { signSignoff, type SignoffPayload, type SignoffRecord } from '../../shared/signing/signoff';

/**
 * A small, valid BagIt 1.0 bag on disk, made with the payload renderers and node:crypto, so that
 * VERIFY.html and the renderers can be tested before (and independently of) the app's own bag
 * writer. Two evidence files (a PNG screenshot and a CSV), one signed approval, a short trail.
 */

export interface MiniBagText {
  readonly organization?: string;
  readonly auditName?: string;
  /** Name and notes of the first (PNG) item. */
  readonly firstName?: string;
  readonly firstNotes?: string;
  readonly secondName?: string;
  readonly secondNotes?: string;
  readonly comment?: string;
}

export interface MiniContent {
  readonly content: BundleContent;
  /** Payload bytes of each evidence file by bag path ('data/evidence/…'). */
  readonly evidenceFiles: ReadonlyMap<string, Uint8Array>;
}

const AUDIT_ID = 'audit-1';
const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A 480×300 PNG that looks like a screenshot of a user list: a title bar and table rows. */
export function screenshotPng(): Uint8Array {
  const png = new PNG({ width: 480, height: 300 });
  for (let y = 0; y < png.height; y += 1) {
    for (let x = 0; x < png.width; x += 1) {
      const i = (png.width * y + x) * 4;
      const titleBar = y < 36;
      const row = y >= 56 && (y - 56) % 28 < 22;
      const cell = row && x > 24 && x < 456 && !(x > 180 && x < 190);
      const [r, g, b] = titleBar ? [20, 33, 61] : cell ? ((y - 56) / 28) % 2 < 1 ? [232, 240, 252] : [246, 247, 249] : [255, 255, 255];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

function control(id: string, ref: string, title: string, frequency: ControlRecord['frequency'], criteria: string[]): ControlRecord {
  return {
    id,
    auditId: AUDIT_ID,
    ref,
    title,
    description: `${title}.`,
    owner: 'IT Operations',
    frequency,
    criteria,
    readiness: 'ready',
    readinessNotes: '',
    retired: false,
    createdAt: '2026-01-05T09:00:00.000Z',
  };
}

/** The content of the mini bag; `text` swaps in hostile strings for the renderer tests. */
export async function miniBundleContent(text: MiniBagText = {}, exporterKey?: { publicKey: string; fingerprint: string }): Promise<MiniContent> {
  const png = screenshotPng();
  const csv = new TextEncoder().encode('user,role,last_login\nalice,admin,2026-02-01\nbob,viewer,2026-02-03\n');
  const controls = [
    control('c-ac01', 'AC-01', 'Quarterly user access review', 'quarterly', ['CC6.2', 'CC6.3']),
    control('c-ac02', 'AC-02', 'Terminated users removed within one business day', 'per-event', ['CC6.2']),
  ];
  const base = {
    auditId: AUDIT_ID,
    step: 'fieldwork' as const,
    timeZone: 'Europe/Berlin',
    capturedBy: 'alice',
    host: 'it-laptop-07',
    width: null,
    height: null,
    supersedes: null,
    createdAt: '2026-02-10T08:15:00.000Z',
    original: null,
    systemReport: null,
  };
  const first: EvidenceRecord = {
    ...base,
    id: 'ev-1',
    controlIds: ['c-ac01', 'c-ac02'],
    name: text.firstName ?? 'Okta users screenshot.png',
    evidenceDate: '2026-02-10T08:15:00.000Z',
    capturedAt: '2026-02-10T08:15:00.000Z',
    source: { kind: 'display', displayId: '0', displayName: 'Built-in display' },
    processing: ['stamped'],
    mime: 'image/png',
    size: png.length,
    sha256: sha256Hex(png),
    width: 480,
    height: 300,
    notes: text.firstNotes ?? 'Admin console, Users page, filtered to active accounts.',
  };
  const second: EvidenceRecord = {
    ...base,
    id: 'ev-2',
    controlIds: ['c-ac01'],
    name: text.secondName ?? 'okta-users-export.csv',
    evidenceDate: '2026-03-31T16:00:00.000Z',
    capturedAt: '2026-04-02T07:30:00.000Z',
    source: { kind: 'file', originalName: 'okta-users-export.csv', originalPath: '/home/alice/Downloads/okta-users-export.csv', modifiedAt: '2026-03-31T16:02:11.000Z' },
    processing: [],
    mime: 'text/csv',
    size: csv.length,
    sha256: sha256Hex(csv),
    notes: text.secondNotes ?? 'Full export, Q1 close.',
  };

  const reviewer = await generateReviewerKeys();
  const payload: SignoffPayload = {
    v: 1,
    evidenceId: first.id,
    evidenceSha256: first.sha256,
    controlRefs: ['AC-01', 'AC-02'],
    decision: 'approved',
    comment: text.comment ?? 'Matches the HR roster — approved ✓',
    reviewer: { name: 'Dana Reviewer', role: 'IT Manager' },
    at: '2026-04-03T12:00:00.000Z',
    keyFingerprint: reviewer.fingerprint,
  };
  const signoff: SignoffRecord = {
    id: 'so-1',
    auditId: AUDIT_ID,
    evidenceId: first.id,
    payload,
    signature: await signSignoff(reviewer.privateKey, payload),
    publicKey: reviewer.publicKeyRaw,
  };

  const evidence: BundledEvidence[] = [
    {
      record: first,
      path: 'data/evidence/AC-01/2026-Q1/001-okta-users-screenshot.png',
      originalPath: null,
      controlRefs: ['AC-01', 'AC-02'],
      slot: { id: '2026-Q1', label: 'Q1 2026' },
      slots: [
        { control: 'AC-01', slot: '2026-Q1' },
        { control: 'AC-02', slot: 'population' },
      ],
      decision: 'approved',
      signoff,
      signoffValid: true,
      supersededBy: null,
    },
    {
      record: second,
      path: 'data/evidence/AC-01/2026-Q1/002-okta-users-export.csv',
      originalPath: null,
      controlRefs: ['AC-01'],
      slot: { id: '2026-Q1', label: 'Q1 2026' },
      slots: [{ control: 'AC-01', slot: '2026-Q1' }],
      decision: 'pending',
      signoff: null,
      signoffValid: null,
      supersededBy: null,
    },
  ];

  const log: LogEntry[] = [];
  const append = (at: string, action: LogEntry['action'], target: string, details: Record<string, unknown>): void => {
    log.push(nextEntry(log.at(-1), { auditId: AUDIT_ID, at, actor: 'alice@it-laptop-07', action, target, details }));
  };
  append('2026-01-05T09:00:00.000Z', 'create', `audit:${AUDIT_ID}`, { name: text.auditName ?? 'SOC 2 Type II 2026' });
  append('2026-02-10T08:15:00.000Z', 'create', 'evidence:ev-1', { sha256: first.sha256, name: first.name });
  append('2026-04-02T07:30:00.000Z', 'create', 'evidence:ev-2', { sha256: second.sha256, name: second.name });
  append('2026-04-03T12:00:00.000Z', 'signoff', 'evidence:ev-1', { decision: 'approved', signoffId: 'so-1' });

  const content: BundleContent = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    generatedAt: '2026-04-05T10:00:00.000Z',
    generator: { name: 'Evidence Locker', version: '0.1.0' },
    bagName: 'acme-soc2-2026-2026-04-05',
    audit: {
      id: AUDIT_ID,
      name: text.auditName ?? 'SOC 2 Type II 2026',
      organization: text.organization ?? 'Acme Cloud GmbH',
      type: 'type2',
      asOf: null,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      timeZone: 'Europe/Berlin',
      categories: ['CC', 'A'],
      systems: ['Okta', 'AWS'],
      report: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
    },
    controls,
    requests: [
      { id: 'r-1', auditId: AUDIT_ID, requestId: 'PBC-014', description: 'User access review, Q1', controlIds: ['c-ac01'], dueDate: '2026-04-15', createdAt: '2026-01-06T10:00:00.000Z' },
    ],
    evidence,
    signoffs: [signoff],
    log,
    logHead: { seq: log.at(-1)!.seq, hash: log.at(-1)!.hash },
    leftOut: [],
    keys: [
      { fingerprint: reviewer.fingerprint, publicKey: reviewer.publicKeyRaw, name: 'Dana Reviewer', role: 'IT Manager' },
      ...(exporterKey ? [{ ...exporterKey, name: 'Alice Collector', role: 'IT Administrator' }] : []),
    ],
    selection: { step: null, from: null, to: null, controlIds: null, includeRejected: true, includeSuperseded: false },
  };
  return { content, evidenceFiles: new Map([[evidence[0]!.path, png], [evidence[1]!.path, csv]]) };
}

export interface MiniBag {
  /** The bag folder (holds bagit.txt). */
  readonly bagDir: string;
  readonly content: BundleContent;
  readonly exporterFingerprint: string;
  /** Bag-relative paths of the two evidence files. */
  readonly evidencePaths: readonly string[];
}

function manifestLines(files: ReadonlyMap<string, Uint8Array | string>): string {
  return [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, bytes]) => `${sha256Hex(bytes)}  ${path}\n`)
    .join('');
}

/** Writes the mini bag into `parentDir/<bag name>/` and returns where. */
export async function writeMiniBag(parentDir: string, text: MiniBagText = {}): Promise<MiniBag> {
  const keys = generateKeyPairSync('ed25519');
  // SPKI DER of an Ed25519 key is a fixed 12-byte header and the 32-byte raw key (RFC 8410).
  const raw = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const exporter = { publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
  const { content, evidenceFiles } = await miniBundleContent(text, exporter);

  const payload = new Map<string, Uint8Array | string>([
    ...evidenceFiles,
    ['data/index.html', renderIndexHtml(content, { exporterKeyFingerprint: exporter.fingerprint })],
    ['data/VERIFY.html', renderVerifyHtml()],
    ['data/evidence.csv', renderEvidenceCsv(content)],
    ['data/manifest.json', renderManifestJson(content)],
    ['data/audit-log.jsonl', renderAuditLogJsonl(content)],
  ]);
  const octets = [...payload.values()].reduce((sum, v) => sum + (typeof v === 'string' ? Buffer.byteLength(v) : v.length), 0);
  const bagitTxt = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
  const bagInfo =
    `Source-Organization: ${content.audit.organization.replace(/[\r\n]+/g, ' ')}\n` +
    `Bagging-Date: ${content.generatedAt.slice(0, 10)}\n` +
    `Payload-Oxum: ${octets}.${payload.size}\n` +
    `External-Identifier: ${content.audit.id}\n` +
    `Bag-Software-Agent: Evidence Locker ${content.generator.version} (test/support/miniBag.ts)\n` +
    `Evidence-Locker-Log-Head: ${content.logHead.seq} ${content.logHead.hash}\n` +
    'Evidence-Locker-Partial: no\n';
  const manifest = manifestLines(payload);
  const tagManifest = manifestLines(new Map([['bagit.txt', bagitTxt], ['bag-info.txt', bagInfo], ['manifest-sha256.txt', manifest]]));
  const signature = {
    algorithm: 'Ed25519',
    signedFile: 'tagmanifest-sha256.txt',
    signature: sign(null, Buffer.from(tagManifest), keys.privateKey).toString('base64'),
    publicKey: exporter.publicKey,
    publicKeyPem: keys.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    keyFingerprint: exporter.fingerprint,
  };

  const bagDir = join(parentDir, content.bagName);
  const all = new Map<string, Uint8Array | string>([
    ...payload,
    ['bagit.txt', bagitTxt],
    ['bag-info.txt', bagInfo],
    ['manifest-sha256.txt', manifest],
    ['tagmanifest-sha256.txt', tagManifest],
    ['signature.json', `${JSON.stringify(signature, null, 2)}\n`],
  ]);
  for (const [path, bytes] of all) {
    const target = join(bagDir, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  return { bagDir, content, exporterFingerprint: exporter.fingerprint, evidencePaths: [...evidenceFiles.keys()] };
}

export interface BagEntry {
  readonly path: string;
  readonly size: number;
  read(): Promise<ArrayBuffer>;
}

/**
 * The files under `pickedDir` as a browser's folder picker reports them: paths start with the
 * picked folder's name, '/'-separated. This is what VERIFY.html's verifyBag reads.
 */
export async function pickedFolderEntries(pickedDir: string): Promise<BagEntry[]> {
  const top = pickedDir.split(sep).filter(Boolean).pop() ?? '';
  const entries: BagEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, dirent.name);
      if (dirent.isDirectory()) {
        await walk(full);
        continue;
      }
      const size = (await stat(full)).size;
      entries.push({
        path: [top, ...relative(pickedDir, full).split(sep)].join('/'),
        size,
        read: async () => {
          const bytes = await readFile(full);
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        },
      });
    }
  };
  await walk(pickedDir);
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1));
}
