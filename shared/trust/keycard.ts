import { canonicalJson } from '../log/chain';
import { escapeHtml } from '../bundle/render/html';
import { visibleName } from '../files/visibleName';
import { signBytes, type Key } from '../signing/ed25519';
import { base64Bytes } from '../verify/bytes';
import { ed25519Verify } from '../verify/ed25519';
import { fingerprintOfKey, type TrustedKey } from './keyring';

/**
 * A key card (issue #11 §3): what a reviewer hands the auditor at the start of the engagement —
 * name, role, public key and fingerprint — as one small HTML file that prints as a page and
 * carries the same data as JSON for the verifiers (`--trust card.html`, VERIFY.html's key card
 * field, the app's keyring). The card is signed by its own key, so the name on it is the one the
 * key's holder wrote; who that person is, the auditor confirms in person or on a call.
 */
export const KEY_CARD_FORMAT = 'evidence-locker-key-card';
const SCRIPT_ID = 'evidence-locker-key-card';

export interface KeyCardBody {
  readonly format: typeof KEY_CARD_FORMAT;
  readonly version: 1;
  readonly name: string;
  readonly role: string;
  /** base64 raw Ed25519 public key. */
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly createdAt: string;
}

export interface KeyCard extends KeyCardBody {
  /** base64 Ed25519 signature by the card's own key over canonicalJson(body). */
  readonly signature: string;
}

function bodyOf(card: KeyCardBody): KeyCardBody {
  return {
    format: card.format,
    version: card.version,
    name: card.name,
    role: card.role,
    publicKey: card.publicKey,
    fingerprint: card.fingerprint,
    createdAt: card.createdAt,
  };
}

export async function makeKeyCard(
  holder: { readonly name: string; readonly role: string; readonly publicKeyRaw: string; readonly fingerprint: string; readonly privateKey: Key },
  now: Date = new Date(),
): Promise<KeyCard> {
  const body: KeyCardBody = {
    format: KEY_CARD_FORMAT,
    version: 1,
    name: holder.name,
    role: holder.role,
    publicKey: holder.publicKeyRaw,
    fingerprint: holder.fingerprint,
    createdAt: now.toISOString(),
  };
  return { ...body, signature: await signBytes(holder.privateKey, new TextEncoder().encode(canonicalJson(body))) };
}

/** A file name for the card: 'dana-whitfield-key-card.html'. */
export function keyCardFileName(card: Pick<KeyCard, 'name' | 'fingerprint'>): string {
  const slug = card.name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40) || 'reviewer';
  return `${slug}-key-card-${card.fingerprint.slice(0, 4)}.html`;
}

const CARD_CSS = `
:root { font-family: 'Liberation Sans', 'Segoe UI', system-ui, sans-serif; color: #1c2430; background: #f6f7f9; font-size: 14px; line-height: 1.5; }
body { margin: 0; }
.card { max-width: 760px; margin: 28px auto; background: #fff; border: 1px solid #dde1e7; border-radius: 10px; padding: 28px 32px; }
.eyebrow { margin: 0; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #5d6878; }
h1 { margin: 4px 0 2px; font-size: 26px; }
.role { margin: 0 0 20px; font-size: 16px; color: #3b4656; }
h2 { font-size: 14px; margin: 20px 0 6px; text-transform: uppercase; letter-spacing: .05em; color: #5d6878; }
.fingerprint { display: grid; grid-template-columns: repeat(4, max-content); gap: 6px 22px; font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace;
  font-size: 22px; font-weight: 700; padding: 14px 18px; border: 2px solid #1c2430; border-radius: 8px; width: max-content; }
code, pre { font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; background: #f6f7f9; border: 1px solid #dde1e7; border-radius: 6px; padding: 8px 10px; }
dl { display: grid; grid-template-columns: 140px 1fr; gap: 4px 14px; margin: 0; }
dt { color: #5d6878; }
dd { margin: 0; }
.explain { border-top: 1px solid #dde1e7; margin-top: 22px; padding-top: 8px; }
.explain p { max-width: 70ch; }
@media print { :root { background: #fff; } .card { border: none; margin: 0; } }
`;

export function renderKeyCardHtml(card: KeyCard): string {
  const groups = card.fingerprint.split(' ').map((g) => `<span>${escapeHtml(g)}</span>`).join('');
  // JSON inside a <script> data block: "<" escaped so no text can close the element.
  const json = JSON.stringify(card, null, 2).replace(/</g, '\\u003c');
  const name = escapeHtml(visibleName(card.name));
  const role = escapeHtml(visibleName(card.role));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Key card: ${name}</title>
<style>${CARD_CSS}</style>
</head>
<body>
<main class="card">
<p class="eyebrow">Evidence Locker key card</p>
<h1>${name}</h1>
<p class="role">${role}</p>
<h2>Key fingerprint</h2>
<div class="fingerprint" aria-label="Fingerprint ${escapeHtml(card.fingerprint)}">${groups}</div>
<h2>Details</h2>
<dl>
<dt>Algorithm</dt><dd>Ed25519</dd>
<dt>Public key</dt><dd><code>${escapeHtml(card.publicKey)}</code></dd>
<dt>Card made</dt><dd>${escapeHtml(card.createdAt)}</dd>
</dl>
<section class="explain">
<h2>For the auditor</h2>
<p>Keep this card from the start of the engagement. Before you rely on it, confirm the fingerprint with ${name} in person or on a call (read it group by group): the card proves that whoever holds this key wrote this name, not who that person is.</p>
<p>Then check a bundle against it: <code>evidence-locker verify bundle.zip --trust ${escapeHtml(keyCardFileName(card))}</code>, or give this card (or the fingerprint) to a trusted copy of VERIFY.html. A bundle or sign-off signed by any other key is reported as “signer not confirmed”.</p>
</section>
</main>
<script type="application/json" id="${SCRIPT_ID}">${json}</script>
</body>
</html>
`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a key card from its HTML (or its bare JSON) and checks it: the fields, the fingerprint
 * against the key, and the card's own signature. Throws an Error saying what is wrong.
 */
export async function readKeyCard(text: string): Promise<KeyCard> {
  const match = new RegExp(`<script type="application/json" id="${SCRIPT_ID}">([\\s\\S]*?)</script>`).exec(text);
  const json = match?.[1] ?? (text.trimStart().startsWith('{') ? text : null);
  if (json === null) throw new Error('this is not an Evidence Locker key card (no key card data in it)');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('the key card data is not valid JSON');
  }
  if (!isObject(raw) || raw['format'] !== KEY_CARD_FORMAT || raw['version'] !== 1) throw new Error('this is not an Evidence Locker key card (format 1)');
  for (const field of ['name', 'role', 'publicKey', 'fingerprint', 'createdAt', 'signature']) {
    if (typeof raw[field] !== 'string') throw new Error(`the key card has no ${field}`);
  }
  const card = raw as unknown as KeyCard;
  if (card.name.length > 120 || card.role.length > 120) throw new Error('the key card\'s name or role is longer than 120 characters');
  const fingerprint = fingerprintOfKey(card.publicKey);
  if (fingerprint === null) throw new Error('the key card\'s public key is not an Ed25519 key');
  if (fingerprint !== card.fingerprint) throw new Error(`the key card's fingerprint (${visibleName(card.fingerprint)}) is not the fingerprint of its key (${fingerprint})`);
  const signature = base64Bytes(card.signature);
  const key = base64Bytes(card.publicKey);
  const message = new TextEncoder().encode(canonicalJson(bodyOf(card)));
  if (signature === null || key === null || !(await ed25519Verify(key, signature, message))) {
    throw new Error('the key card\'s own signature does not verify: it was altered after it was made');
  }
  return card;
}

export function trustedFromKeyCard(card: KeyCard, source: string): TrustedKey {
  return { fingerprint: card.fingerprint, publicKey: card.publicKey, name: card.name, role: card.role, source };
}
