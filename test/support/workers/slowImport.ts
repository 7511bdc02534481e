import { Readable } from 'node:stream';
import { createEvidenceStore } from '../../../electron/main/store';

/** Streams an endless file into the store at argv[2] until killed. */
const [root] = process.argv.slice(2);
if (!root) throw new Error('usage: slowImport <store>');
const store = createEvidenceStore(root);
let sent = 0;
const source = new Readable({
  read() {
    sent += 1;
    if (sent === 40) process.stdout.write('STORING\n');
    setTimeout(() => this.push(Buffer.alloc(1024 * 1024, sent % 256)), 5);
  },
});
await store.put(source);
