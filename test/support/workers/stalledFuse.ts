import { spawnSync } from 'node:child_process';
import { openSync, read, writeSync } from 'node:fs';

/**
 * A real file whose reads never answer: a tiny FUSE file system, spoken straight over
 * /dev/fuse (the kernel's FUSE protocol, linux/fuse.h), mounted at argv[2]. It holds one
 * regular file, `stalled.zip`, of 1 MiB. Lookups, attributes and opens are answered; READ
 * requests are never answered (or, with argv[3] = "open", neither are opens), as a hung network
 * drive behaves. Run in its own process (it needs root, as the other fault tests do); killing
 * it aborts the connection, which fails every waiting request with ENOTCONN.
 */
const [mountPoint, stall = 'read'] = process.argv.slice(2);
if (!mountPoint || (stall !== 'read' && stall !== 'open')) throw new Error('usage: stalledFuse <mount point> [read|open]');

const FILE_NAME = 'stalled.zip';
const FILE_SIZE = 1024 * 1024;
const ROOT = 1n;
const FILE = 2n;
const OP = { LOOKUP: 1, FORGET: 2, GETATTR: 3, OPEN: 14, READ: 15, RELEASE: 18, FLUSH: 25, INIT: 26, ACCESS: 34, INTERRUPT: 36, DESTROY: 38, BATCH_FORGET: 42 } as const;
const ENOENT = 2;
const ENOSYS = 38;

const device = openSync('/dev/fuse', 'r+');
const mounted = spawnSync('mount', ['-t', 'fuse', '-o', 'fd=3,rootmode=40000,user_id=0,group_id=0', 'evidence-stall', mountPoint], {
  stdio: ['ignore', 'pipe', 'pipe', device],
});
if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr.toString()}`);

function reply(unique: bigint, error: number, body: Buffer = Buffer.alloc(0)): void {
  const header = Buffer.alloc(16);
  header.writeUInt32LE(16 + body.length, 0);
  header.writeInt32LE(-error, 4);
  header.writeBigUInt64LE(unique, 8);
  writeSync(device, Buffer.concat([header, body]));
}

/** struct fuse_attr (88 bytes). */
function attr(node: bigint): Buffer {
  const a = Buffer.alloc(88);
  const isFile = node === FILE;
  a.writeBigUInt64LE(node, 0); // ino
  a.writeBigUInt64LE(BigInt(isFile ? FILE_SIZE : 0), 8); // size
  a.writeBigUInt64LE(BigInt(isFile ? FILE_SIZE / 512 : 0), 16); // blocks
  a.writeUInt32LE(isFile ? 0o100644 : 0o40755, 60); // mode
  a.writeUInt32LE(isFile ? 1 : 2, 64); // nlink
  a.writeUInt32LE(4096, 80); // blksize
  return a;
}

function handle(request: Buffer): void {
  const opcode = request.readUInt32LE(4);
  const unique = request.readBigUInt64LE(8);
  const node = request.readBigUInt64LE(16);
  const body = request.subarray(40);
  switch (opcode) {
    case OP.INIT: {
      const out = Buffer.alloc(64);
      out.writeUInt32LE(7, 0); // major
      out.writeUInt32LE(Math.min(body.readUInt32LE(4), 31), 4); // minor
      out.writeUInt32LE(body.readUInt32LE(8), 8); // max_readahead, as offered
      out.writeUInt16LE(16, 16); // max_background
      out.writeUInt16LE(12, 18); // congestion_threshold
      out.writeUInt32LE(128 * 1024, 20); // max_write
      out.writeUInt32LE(1, 24); // time_gran
      out.writeUInt16LE(32, 28); // max_pages
      reply(unique, 0, out);
      process.stdout.write('READY\n');
      return;
    }
    case OP.LOOKUP: {
      const name = body.subarray(0, body.indexOf(0)).toString('utf8');
      if (node !== ROOT || name !== FILE_NAME) return reply(unique, ENOENT);
      const out = Buffer.alloc(40);
      out.writeBigUInt64LE(FILE, 0); // nodeid
      out.writeBigUInt64LE(60n, 16); // entry_valid (s)
      out.writeBigUInt64LE(60n, 24); // attr_valid (s)
      return reply(unique, 0, Buffer.concat([out, attr(FILE)]));
    }
    case OP.GETATTR: {
      const out = Buffer.alloc(16);
      out.writeBigUInt64LE(60n, 0); // attr_valid (s)
      return reply(unique, 0, Buffer.concat([out, attr(node)]));
    }
    case OP.OPEN:
      if (stall === 'open') return; // never answered
      process.stdout.write('OPENED\n');
      // FOPEN_DIRECT_IO: reads go to us, not through the page cache, whose locked pages would
      // make every later open of the file wait for the stalled read too.
      return reply(unique, 0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]));
    case OP.READ:
      process.stdout.write('READ-STALLED\n');
      return; // never answered: the reader waits as on a hung drive
    case OP.FLUSH:
    case OP.RELEASE:
    case OP.ACCESS:
      return reply(unique, 0);
    case OP.FORGET:
    case OP.BATCH_FORGET:
    case OP.INTERRUPT:
      return; // these take no reply
    case OP.DESTROY:
      return reply(unique, 0);
    default:
      return reply(unique, ENOSYS);
  }
}

const buffer = Buffer.alloc(1024 * 1024 + 4096);
const loop = (): void => {
  read(device, buffer, 0, buffer.length, null, (error, n) => {
    if (error) {
      // ENODEV: unmounted. Anything else ends the file system too.
      process.stdout.write(`ENDED ${error.code ?? error.message}\n`);
      process.exit(0);
    }
    handle(Buffer.from(buffer.subarray(0, n)));
    loop();
  });
};
loop();
