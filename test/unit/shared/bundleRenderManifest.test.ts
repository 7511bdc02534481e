import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import schema from '../../../shared/bundle/manifest.schema.json';
import { BUNDLE_SCHEMA_ID, type BundleContent } from '../../../shared/bundle/model';
import { renderManifestJson } from '../../../shared/bundle/render/manifestJson';
import { verifySignoff, type SignoffRecord } from '../../../shared/signing/signoff';
import { miniBundleContent } from '../../support/miniBag';

type Json = Record<string, unknown>;

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

async function manifestOf(change: (c: BundleContent) => BundleContent = (c) => c): Promise<Json> {
  const { content } = await miniBundleContent();
  return JSON.parse(renderManifestJson(change(content))) as Json;
}

function evidenceOf(manifest: Json, i = 0): Json {
  return (manifest['evidence'] as Json[])[i]!;
}

function errorsOf(manifest: unknown): string {
  validate(manifest);
  return JSON.stringify(validate.errors ?? []);
}

describe('data/manifest.json', () => {
  it('names its schema, whose $id is the bundle schema id', async () => {
    const manifest = await manifestOf();
    expect(manifest['$schema']).toBe(BUNDLE_SCHEMA_ID);
    expect(schema.$id).toBe(BUNDLE_SCHEMA_ID);
  });

  it('validates against manifest.schema.json, with a screenshot and a file source', async () => {
    const manifest = await manifestOf();
    expect(validate(manifest), errorsOf(manifest)).toBe(true);
    expect(evidenceOf(manifest, 0)['source']).toMatchObject({ kind: 'display' });
    expect(evidenceOf(manifest, 1)['source']).toMatchObject({ kind: 'file' });
  });

  it('validates a Type I audit with a received report and an exception', async () => {
    const manifest = await manifestOf((c) => ({
      ...c,
      audit: {
        ...c.audit,
        type: 'type1',
        asOf: '2026-03-31',
        periodStart: null,
        periodEnd: null,
        report: {
          opinion: 'qualified',
          reportDate: '2026-05-20',
          auditorFirm: 'Example CPA LLP',
          exceptions: [{ id: 'x-1', controlId: 'c-ac01', description: 'One review late.', managementResponse: 'Calendar reminders added.' }],
        },
      },
    }));
    expect(validate(manifest), errorsOf(manifest)).toBe(true);
  });

  it('is pretty-printed with two spaces and ends in a newline', async () => {
    const { content } = await miniBundleContent();
    const text = renderManifestJson(content);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "$schema": "${BUNDLE_SCHEMA_ID}",`);
  });

  it('lists each item with its bag path, hash, refs, slot, decision and latest sign-off', async () => {
    const { content } = await miniBundleContent();
    const item = evidenceOf(JSON.parse(renderManifestJson(content)) as Json);
    const source = content.evidence[0]!;
    expect(item).toMatchObject({
      id: source.record.id,
      path: source.path,
      sha256: source.record.sha256,
      size: source.record.size,
      controlRefs: ['AC-01', 'AC-02'],
      slot: { id: '2026-Q1', label: 'Q1 2026' },
      decision: 'approved',
      signoffId: 'so-1',
      signoffValid: true,
      supersededBy: null,
    });
  });

  it('carries each sign-off exactly as signed, so it still verifies after the round trip', async () => {
    const { content } = await miniBundleContent();
    const manifest = JSON.parse(renderManifestJson(content)) as { signoffs: SignoffRecord[]; evidence: { id: string; sha256: string }[] };
    const evidence = manifest.evidence.find((e) => e.id === manifest.signoffs[0]!.evidenceId);
    expect(await verifySignoff(manifest.signoffs[0]!, evidence)).toEqual({ valid: true });
  });

  it.each([
    ['an evidence item without its hash', (m: Json) => delete evidenceOf(m)['sha256'], 'sha256'],
    ['an evidence item without a decision', (m: Json) => delete evidenceOf(m)['decision'], 'decision'],
    ['a manifest without its sign-offs', (m: Json) => delete m['signoffs'], 'signoffs'],
    ['an upper-case hash', (m: Json) => (evidenceOf(m)['sha256'] = 'AB'.repeat(32)), 'pattern'],
    ['a short hash', (m: Json) => (evidenceOf(m)['sha256'] = 'ab'.repeat(31)), 'pattern'],
    ['a sign-off over a bad hash', (m: Json) => (((m['signoffs'] as Json[])[0]!['payload'] as Json)['evidenceSha256'] = 'not-a-hash'), 'pattern'],
    ['an unknown step', (m: Json) => (evidenceOf(m)['step'] = 'testing'), 'enum'],
    ['an unknown decision', (m: Json) => (evidenceOf(m)['decision'] = 'maybe'), 'enum'],
    ['an unknown frequency', (m: Json) => ((m['controls'] as Json[])[0]!['frequency'] = 'hourly'), 'enum'],
    ['an unknown audit type', (m: Json) => ((m['audit'] as Json)['type'] = 'type3'), 'enum'],
    ['a field the format does not have', (m: Json) => (evidenceOf(m)['thumbnail'] = 'x'), 'additionalProperties'],
    ['a path outside data/', (m: Json) => (evidenceOf(m)['path'] = 'data/../../etc/passwd'), 'pattern'],
    ['a fingerprint in the wrong form', (m: Json) => ((m['keys'] as Json[])[0]!['fingerprint'] = 'abcd'), 'pattern'],
    ['another format version', (m: Json) => (m['formatVersion'] = 1), 'const'],
    ['a bundle without its trail head', (m: Json) => delete m['logHead'], 'required'],
    ['a left-out item without a reason', (m: Json) => (m['leftOut'] = [{ evidenceId: 'ev-9' }]), 'required'],
  ])('fails validation for %s', async (_label, spoil, keyword) => {
    const manifest = await manifestOf();
    spoil(manifest);
    expect(validate(manifest)).toBe(false);
    expect(errorsOf(manifest)).toContain(keyword);
  });
});
