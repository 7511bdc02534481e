import { createReadStream } from 'node:fs';
import { createEvidenceStore } from '../../electron/main/store';
import { reportSubject } from '../lib/measure';

/** Subject: stores one file into a fresh evidence store, as "Attach files…" does. */
const [file, storeRoot] = process.argv.slice(2);
if (!file || !storeRoot) throw new Error('usage: storeFile.ts <file> <store root>');
const store = createEvidenceStore(storeRoot);
const started = process.hrtime.bigint();
const blob = await store.put(createReadStream(file));
reportSubject(Number(process.hrtime.bigint() - started) / 1e9, { sha256: blob.sha256 });
