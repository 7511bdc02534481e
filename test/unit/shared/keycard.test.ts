import { describe, expect, it } from 'vitest';
import { generateReviewerKeys } from '../../../shared/signing/ed25519';
import { keyCardFileName, makeKeyCard, readKeyCard, renderKeyCardHtml, trustedFromKeyCard } from '../../../shared/trust/keycard';
import { normalizeFingerprint } from '../../../shared/trust/keyring';

async function card(name = 'Dana Whitfield', role = 'IT Manager') {
  const keys = await generateReviewerKeys();
  return { keys, card: await makeKeyCard({ ...keys, name, role }, new Date('2026-11-30T10:00:00.000Z')) };
}

describe('key cards', () => {
  it('round-trip through their printable HTML page, self-signed, as a trusted key named from the card', async () => {
    const { keys, card: made } = await card();
    const html = renderKeyCardHtml(made);
    expect(html).toContain('<h1>Dana Whitfield</h1>');
    expect(html).toContain(`aria-label="Fingerprint ${keys.fingerprint}"`);
    const read = await readKeyCard(html);
    expect(read).toEqual(made);
    expect(trustedFromKeyCard(read, 'key card x.html')).toEqual({ fingerprint: keys.fingerprint, publicKey: keys.publicKeyRaw, name: 'Dana Whitfield', role: 'IT Manager', source: 'key card x.html' });
    expect(keyCardFileName(made)).toBe(`dana-whitfield-key-card-${keys.fingerprint.slice(0, 4)}.html`);
  });

  it('refuses a card whose name was changed after it was made, or whose fingerprint is another key\'s', async () => {
    const { card: made } = await card();
    const html = renderKeyCardHtml(made);
    await expect(readKeyCard(html.replace('"name": "Dana Whitfield"', '"name": "Mallory"'))).rejects.toThrow('own signature does not verify');
    const other = await card();
    await expect(readKeyCard(JSON.stringify({ ...made, fingerprint: other.keys.fingerprint }))).rejects.toThrow(/is not the fingerprint of its key/);
    await expect(readKeyCard(JSON.stringify({ ...made, publicKey: other.keys.publicKeyRaw, fingerprint: other.keys.fingerprint }))).rejects.toThrow('own signature does not verify');
    await expect(readKeyCard('<html><body>hello</body></html>')).rejects.toThrow('not an Evidence Locker key card');
    await expect(readKeyCard('{"format":"something-else"}')).rejects.toThrow('not an Evidence Locker key card');
  });

  it('keeps markup in a name as text, in the page and in its data block', async () => {
    const { card: made } = await card('<script>alert(1)</script>\u202Eevil', '</script><b>role</b>');
    const html = renderKeyCardHtml(made);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;⟨U+202E⟩evil');
    expect((await readKeyCard(html)).role).toBe('</script><b>role</b>');
  });

  it('reads a fingerprint however it is typed', () => {
    const fp = '7635 0180 2cd6 096f eac7 dc29 4cde 3417 6886 0334 f89b 7099 b73a 18bd 9396 2601';
    expect(normalizeFingerprint(fp.toUpperCase().replace(/ /g, ':'))).toBe(fp);
    expect(normalizeFingerprint(fp.replace(/ /g, ''))).toBe(fp);
    expect(normalizeFingerprint('7635 0180')).toBeNull();
  });
});
