/**
 * Ed25519 verification for the core, through WebCrypto (Node and current browsers). A browser
 * without Ed25519 must say so, never report a valid signature as "does not verify".
 */
export class UnsupportedCrypto extends Error {}

const ED25519 = { name: 'Ed25519' } as const;

export async function ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  let key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
  try {
    key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), ED25519, false, ['verify']);
  } catch (error) {
    if (error instanceof Error && error.name === 'NotSupportedError') {
      throw new UnsupportedCrypto(
        'This browser cannot check Ed25519 signatures. Use a current Chrome, Edge, Firefox or Safari (2025 or later), the evidence-locker command, or the openssl commands below.',
      );
    }
    return false;
  }
  return crypto.subtle.verify(ED25519, key, new Uint8Array(signature), new Uint8Array(message));
}
