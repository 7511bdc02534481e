import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toBase64 } from '../../signing/ed25519';
import { escapeHtml } from './html';
import { VERIFY_SCRIPT } from './verifyScript.generated';

/**
 * data/VERIFY.html: the auditor's offline verifier, opened from the unzipped folder (file://).
 *
 * Its script has to be inline: it is one standalone file with nothing beside it to load, and a
 * file:// page cannot load a sibling script in every browser anyway. So the policy allows
 * exactly that one script, named by its SHA-256 (CSP Level 2 hash source): the same effect as
 * 'unsafe-inline' for our code, but a script or event-handler attribute injected by anything
 * else would not run. default-src 'none' leaves the page no way to reach a network: checking a
 * bundle never sends its content anywhere.
 *
 * The page holds nothing from any bundle, so it is byte-identical in every bag: its hash can be
 * compared across bundles (the CLI says whether a bag's copy is the one it writes), and it reads
 * the bag only when the auditor picks the folder. Its script is the one verification core,
 * built from TypeScript (scripts/buildVerifier.ts), not a second implementation.
 */
export { VERIFY_SCRIPT };

export function verifyScriptHash(): string {
  return `sha256-${toBase64(sha256(utf8ToBytes(VERIFY_SCRIPT)))}`;
}

export function verifyCsp(): string {
  return `default-src 'none'; script-src '${verifyScriptHash()}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

const VERIFY_CSS = `
:root {
  --text: #1c2430; --muted: #5d6878; --border: #dde1e7; --bg: #f6f7f9; --surface: #fff; --accent: #1f5fbf;
  --ok: #1d7a46; --ok-soft: #e4f4ea; --danger: #b42318; --danger-soft: #fdecea; --note: #5d6878; --note-soft: #eef0f3;
  --warn: #8a4b00; --warn-soft: #fff3dc;
  font-family: 'Liberation Sans', 'Segoe UI', system-ui, -apple-system, sans-serif;
  font-size: 14px; line-height: 1.5; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
.page { max-width: 920px; margin: 0 auto; padding: 28px 24px 48px; }
h1, h2, h3 { margin: 0; line-height: 1.25; }
h1 { font-size: 24px; }
h2 { font-size: 17px; margin: 24px 0 10px; }
h3 { font-size: 15px; }
code, pre, .mono { font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.eyebrow { margin: 0 0 4px; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.lead { margin: 8px 0 20px; max-width: 72ch; }
.panel { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 18px 20px; }
.pick-label { display: block; font-weight: 700; font-size: 15px; margin-bottom: 8px; }
input[type=file] { font: inherit; padding: 8px; border: 1px dashed #9aa6b5; border-radius: 6px; width: 100%; background: #fafbfc; }
.hint { margin: 8px 0 0; color: var(--muted); font-size: 13px; }
.status { margin: 10px 0 0; min-height: 1.5em; font-size: 13px; overflow-wrap: anywhere; }
.result { margin-top: 20px; }
.verdict { display: flex; align-items: center; gap: 16px; padding: 16px 20px; border-radius: 8px; border: 2px solid; }
.verdict-word { font-size: 30px; letter-spacing: .04em; }
.verdict-pass { color: var(--ok); background: var(--ok-soft); }
.verdict-fail { color: var(--danger); background: var(--danger-soft); }
.verdict-unconfirmed { color: var(--warn); background: var(--warn-soft); }
.verdict-unconfirmed { flex-direction: column; align-items: flex-start; gap: 6px; }
.verdict-unconfirmed .verdict-word { font-size: 22px; }
.verdict-text { font-size: 15px; font-weight: 600; color: var(--text); }
.facts { display: grid; grid-template-columns: 160px 1fr; gap: 4px 16px; margin: 16px 0 0; background: var(--surface);
  border: 1px solid var(--border); border-radius: 8px; padding: 14px 18px; }
.facts div { display: contents; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.checks { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.check { background: var(--surface); border: 1px solid var(--border); border-left-width: 5px; border-radius: 8px; padding: 10px 14px; }
.check-pass { border-left-color: var(--ok); }
.check-fail { border-left-color: var(--danger); background: #fffafa; }
.check-note { border-left-color: var(--note); }
.check-unconfirmed { border-left-color: var(--warn); background: #fffcf5; }
.check-unconfirmed .check-status { color: var(--warn); background: var(--warn-soft); }
.notes { margin: 6px 0 0; padding-left: 20px; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.check-unconfirmed .problems { color: var(--warn); }
.steps { display: grid; gap: 14px; }
.step-number { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; background: var(--text); color: #fff; font-size: 13px; margin-right: 8px; }
textarea { font: inherit; font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace; font-size: 13px; width: 100%; min-height: 3.4em; padding: 8px; border: 1px solid #9aa6b5; border-radius: 6px; }
.trust-bad { color: var(--danger); }
.trust-card { color: var(--ok); }
.warning { margin: 0 0 16px; padding: 10px 14px; border-radius: 8px; background: var(--warn-soft); border: 1px solid #f0d49b; max-width: 80ch; }
.signers { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.signer { background: var(--surface); border: 1px solid var(--border); border-left-width: 5px; border-radius: 8px; padding: 8px 12px; overflow-wrap: anywhere; }
.signer-confirmed { border-left-color: var(--ok); }
.signer-unconfirmed { border-left-color: var(--warn); }
.signer-fingerprint { font-weight: 700; }
.check-head { display: flex; align-items: baseline; gap: 10px; }
.check-status { display: inline-block; min-width: 48px; text-align: center; font-size: 12px; font-weight: 800; padding: 1px 6px; border-radius: 4px; }
.check-pass .check-status { color: var(--ok); background: var(--ok-soft); }
.check-fail .check-status { color: var(--danger); background: var(--danger-soft); }
.check-note .check-status { color: var(--note); background: var(--note-soft); }
.check-summary { margin: 4px 0 0; overflow-wrap: anywhere; }
.problems { margin: 6px 0 0; padding-left: 20px; color: var(--danger); font-family: 'Liberation Mono', ui-monospace, Menlo, Consolas, monospace;
  font-size: 12.5px; overflow-wrap: anywhere; }
.check-note .problems { color: var(--muted); }
.manual { margin-top: 28px; color: var(--muted); }
.manual p { max-width: 80ch; }
.manual pre { background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
@media print {
  :root { background: #fff; }
  .picker, .manual { display: none; }
  .check { break-inside: avoid; }
}
`;

export const MANUAL_COMMANDS = `cd path/to/the-bag-folder
sha256sum -c --quiet manifest-sha256.txt        # macOS: shasum -a 256 -c manifest-sha256.txt
sha256sum -c --quiet tagmanifest-sha256.txt

# The bag signature (OpenSSL 3 and jq):
jq -r .publicKeyPem signature.json > exporter-key.pem
jq -r .signature signature.json | base64 -d > signature.bin
openssl pkeyutl -verify -pubin -inkey exporter-key.pem -rawin -in tagmanifest-sha256.txt -sigfile signature.bin

# The fingerprint of the key that just verified (the last 32 bytes of the PEM's DER are the raw
# key): compare it, group by group, with the one the exporter gave you by phone or on a key card.
openssl pkey -pubin -in exporter-key.pem -outform DER | tail -c 32 | sha256sum`;

/** The page is constant: it carries no bundle content, only the code that reads the bag. */
export function renderVerifyHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${verifyCsp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verify this evidence bundle</title>
<style>${VERIFY_CSS}</style>
</head>
<body>
<main class="page">
<header>
<p class="eyebrow">Evidence Locker bundle</p>
<h1>Verify this evidence bundle</h1>
<p class="lead">Checks that the unzipped bundle is exactly as it was exported: the SHA-256 of every file against the BagIt manifests, files missing or added, the exporter's Ed25519 signature, every reviewer's sign-off, the hash chain of the audit trail and what the bundle committed to. Everything runs in this browser. Nothing is uploaded: this page has no way to reach a network.</p>
<p class="warning"><strong>Use a copy you trust.</strong> A page that arrives inside a bundle could have been altered with it. Keep your own copy from the start of the engagement (<code>evidence-locker verifier-html my-verify.html</code> writes one), or use the command line.</p>
</header>
<div class="steps">
<section class="panel picker">
<label class="pick-label" for="fingerprints"><span class="step-number">1</span>Who should have signed?</label>
<textarea id="fingerprints" spellcheck="false" placeholder="1a2b 3c4d … (one fingerprint per line)"></textarea>
<p class="hint">Enter the key fingerprint the exporter gave you by phone or in person, or choose the key card they gave you: <input id="keycards" type="file" accept=".html,.json" multiple aria-label="Key cards"></p>
<p class="hint">A valid signature by an unknown key proves nothing: anyone can re-hash and re-sign a bag. Without a key you trust, a sound bag is reported as <em>valid, signer not confirmed</em>.</p>
<p id="trust-status" class="status" aria-live="polite"></p>
</section>
<section class="panel picker">
<label class="pick-label" for="folder"><span class="step-number">2</span>Choose the unzipped bundle folder</label>
<input id="folder" type="file" webkitdirectory multiple>
<p class="hint">Choose the folder that holds <code>bagit.txt</code> and <code>data</code>, or the folder right above it. Your browser may ask whether to “upload” the files: they stay on this computer.</p>
<p class="hint">Each file is read whole and hashed one at a time (WebCrypto has no streaming SHA-256), so the largest file must fit in memory, and a bundle of several gigabytes takes a few minutes.</p>
<p id="status" class="status" aria-live="polite"></p>
</section>
</div>
<section id="result" class="result" aria-label="Result" hidden></section>
<noscript><p class="panel">This page needs JavaScript to check files. Use the commands below instead.</p></noscript>
<section class="manual" aria-labelledby="manual-heading">
<h2 id="manual-heading">Checking without this page</h2>
<p>For an independent check, use any BagIt validator, or these commands in the bag folder. The last one prints the fingerprint of the key whose PEM just verified the signature: compare it with the one the exporter gave you by another channel, not with the one written in the bag.</p>
<pre>${escapeHtml(MANUAL_COMMANDS)}</pre>
</section>
</main>
<script>${VERIFY_SCRIPT}</script>
</body>
</html>
`;
}
