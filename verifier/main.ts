import { visibleName } from '../shared/files/visibleName';
import { readKeyCard, trustedFromKeyCard } from '../shared/trust/keycard';
import { normalizeFingerprint, type TrustedKey } from '../shared/trust/keyring';
import { verifyBag } from '../shared/verify/core';
import { byId, el } from './dom';
import { folderSource, type PickedFile } from './folderSource';
import { showReport } from './showReport';

/**
 * data/VERIFY.html's script, built from TypeScript at build time (scripts/buildVerifier.ts) and
 * inlined in the page. The verdict comes from the same core as the CLI and the import gate.
 * The page asks first whom the auditor expects as signer: a fingerprint they were given out of
 * band, or a key card; without one, a valid bag is "valid, signer not confirmed".
 */
const folder = byId<HTMLInputElement>('folder');
const fingerprints = byId<HTMLTextAreaElement>('fingerprints');
const cards = byId<HTMLInputElement>('keycards');
const trustStatus = byId<HTMLElement>('trust-status');
const statusLine = byId<HTMLElement>('status');
const result = byId<HTMLElement>('result');

let picked: PickedFile[] = [];
let cardKeys: TrustedKey[] = [];
let cardErrors: string[] = [];
let running = false;

function typedKeys(): { keys: TrustedKey[]; bad: string[] } {
  const keys: TrustedKey[] = [];
  const bad: string[] = [];
  for (const line of fingerprints.value.split(/\n/)) {
    if (line.trim() === '') continue;
    const fingerprint = normalizeFingerprint(line);
    if (fingerprint === null) bad.push(line.trim().slice(0, 80));
    else keys.push({ fingerprint, publicKey: null, name: null, role: null, source: 'fingerprint entered on this page' });
  }
  return { keys, bad };
}

function showTrust(): TrustedKey[] {
  const { keys, bad } = typedKeys();
  const all = [...keys, ...cardKeys];
  trustStatus.replaceChildren();
  if (bad.length > 0) trustStatus.appendChild(el('span', 'trust-bad', `Not a fingerprint (64 hex digits): ${bad.join(', ')}. `));
  trustStatus.appendChild(el('span', '', all.length === 0 ? 'No key given yet: a valid bag will be reported as "signer not confirmed".' : `Trusting ${all.length} key(s).`));
  for (const k of cardKeys) trustStatus.appendChild(el('span', 'trust-card', ` Key card: ${visibleName(k.name ?? '')} (${visibleName(k.role ?? '')}): ${k.fingerprint}.`));
  for (const e of cardErrors) trustStatus.appendChild(el('span', 'trust-bad', ` ${visibleName(e)}.`));
  return all;
}

async function run(): Promise<void> {
  if (picked.length === 0 || running) return;
  running = true;
  folder.disabled = true;
  result.hidden = true;
  statusLine.textContent = `Reading ${picked.length} file(s)...`;
  try {
    const { report } = await verifyBag(folderSource(picked), {
      trusted: showTrust(),
      onProgress: (done, total, path) => {
        statusLine.textContent = `Hashing file ${done} of ${total}: ${path}`;
      },
    });
    statusLine.textContent = `Done: ${picked.length} file(s) read.`;
    showReport(result, report, picked.length);
  } catch (error) {
    statusLine.textContent = '';
    result.replaceChildren(el('div', 'verdict verdict-fail', `The check stopped: ${error instanceof Error ? error.message : String(error)}`));
    result.hidden = false;
  } finally {
    running = false;
    folder.disabled = false;
  }
}

if (!globalThis.crypto?.subtle) {
  folder.disabled = true;
  result.replaceChildren(el('div', 'verdict verdict-fail', 'This browser offers no WebCrypto to this page, so nothing can be checked. Open the file in a current Chrome, Edge, Firefox or Safari, or use the commands below.'));
  result.hidden = false;
} else {
  showTrust();
  fingerprints.addEventListener('input', () => {
    showTrust();
  });
  fingerprints.addEventListener('change', () => void run());
  cards.addEventListener('change', () => {
    const files = Array.from(cards.files ?? []);
    void Promise.all(
      files.map(async (file) => {
        try {
          return { key: trustedFromKeyCard(await readKeyCard(await file.text()), `key card ${file.name}`), error: null };
        } catch (error) {
          return { key: null, error: `${file.name}: ${error instanceof Error ? error.message : String(error)}` };
        }
      }),
    ).then((read) => {
      cardKeys = read.flatMap((r) => (r.key ? [r.key] : []));
      cardErrors = read.flatMap((r) => (r.error ? [r.error] : []));
      showTrust();
      void run();
    });
  });
  folder.addEventListener('change', () => {
    picked = Array.from(folder.files ?? []).map((file) => ({ path: file.webkitRelativePath || file.name, size: file.size, arrayBuffer: () => file.arrayBuffer() }));
    // Cleared so that choosing the same folder again, after fixing it, runs the check again.
    folder.value = '';
    void run();
  });
}
