import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTextStaging } from '../../electron/main/bundle/staging';
import { writeBundle } from '../../electron/main/bundle/writer';
import { createEvidenceStore } from '../../electron/main/store';
import type { BundlePlan, PlanEntry } from '../../shared/bundle/planTypes';
import { MAX_STAGE_CHUNK_BYTES } from '../../shared/bundle/planTypes';
import { reportSubject } from '../lib/measure';

/**
 * Subject: main's side of an export. The generated files arrive in chunks as over the bridge
 * (`bundle:stage`), then the plan, which names everything by hash, is written to one ZIP.
 * Only the write is timed; peak RSS covers both.
 */
const [storeRoot, draftDir, target] = process.argv.slice(2);
if (!storeRoot || !draftDir || !target) throw new Error('usage: exportBundle.ts <store root> <draft dir> <out.zip>');
const draft = JSON.parse(await readFile(join(draftDir, 'draft.json'), 'utf8')) as { bagName: string; generatedAt: string; entries: (PlanEntry | { kind: 'generated'; path: string; file: string })[] };
const store = createEvidenceStore(storeRoot);
const staging = createTextStaging(join(storeRoot, 'staging'));
const entries: PlanEntry[] = [];
const chunk = Buffer.alloc(MAX_STAGE_CHUNK_BYTES);
for (const entry of draft.entries) {
  if (entry.kind !== 'generated') {
    entries.push(entry);
    continue;
  }
  const handle = await open(join(draftDir, entry.file), 'r');
  const stageId = crypto.randomUUID();
  const { size } = await handle.stat();
  let staged: { sha256: string; size: number } | null = null;
  for (let offset = 0; staged === null; ) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
    const answer = await staging.append(stageId, offset, chunk.subarray(0, bytesRead), offset + bytesRead >= size);
    if ('sha256' in answer) staged = answer;
    offset += bytesRead;
  }
  await handle.close();
  entries.push({ kind: 'staged', path: entry.path, ...staged });
}
const plan: BundlePlan = { bagName: draft.bagName, generatedAt: draft.generatedAt, entries };
const started = process.hrtime.bigint();
const written = await writeBundle(plan, { store, staging }, target);
reportSubject(Number(process.hrtime.bigint() - started) / 1e9, { size: written.size, entries: entries.length });
