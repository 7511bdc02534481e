import { createReadStream } from 'node:fs';
import { importFile } from '../../electron/main/bridge/files';
import { createEvidenceStore } from '../../electron/main/store';
import { reportSubject } from '../lib/measure';

/**
 * Subject: stores one file into a fresh evidence store. `dialog` (the default) goes the way
 * "Attach files…" does: importFile, the safe open with 4 MiB reads and read-ahead. `stream`
 * hands store.put a 64 KiB fs read stream, as this subject did before (kept to compare).
 */
const [file, storeRoot, mode = 'dialog'] = process.argv.slice(2);
if (!file || !storeRoot) throw new Error('usage: storeFile.ts <file> <store root> [dialog|stream]');
const store = createEvidenceStore(storeRoot);
const started = process.hrtime.bigint();
const blob = mode === 'stream' ? await store.put(createReadStream(file)) : await importFile(store, file, () => {});
reportSubject(Number(process.hrtime.bigint() - started) / 1e9, { sha256: blob.sha256 });
