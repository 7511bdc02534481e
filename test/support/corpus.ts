import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { buildSampleAudit, signAndWrite, type SampleAudit } from '../../electron/main/bundle/sample';
import type { LogEntry } from '../../shared/domain/records';
import { canonicalJson, nextEntry } from '../../shared/log/chain';
import { fingerprintOf } from '../../shared/signing/ed25519';
import { keyCardFileName, makeKeyCard, renderKeyCardHtml, trustedFromKeyCard } from '../../shared/trust/keycard';
import type { TrustedKey } from '../../shared/trust/keyring';
import type { Verdict } from '../../shared/verify/report';

/**
 * The corpus of tampered and hostile bundles (issue #11 §1): every case the issue names, the
 * re-signed variants included, generated here from the built-in sample audit (written by the
 * app's own planner and writer). Each case is a ZIP; bag-level cases also keep their unzipped
 * folder, which is what VERIFY.html is given. Every front end must reach the verdict listed.
 */

type Json = Record<string, unknown>;

/** An attacker's key: anyone can make one and re-sign a bag with it. */
export interface Attacker {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly raw: Buffer;
  readonly fingerprint: string;
}

export function makeAttacker(): Attacker {
  const keys = generateKeyPairSync('ed25519');
  const raw = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  return { privateKey: keys.privateKey, publicKey: keys.publicKey, raw, fingerprint: fingerprintOf(raw) };
}

const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Edits an unzipped bag the way someone with a text editor and a shell would. */
export class BagEditor {
  constructor(
    readonly dir: string,
    readonly attacker: Attacker,
  ) {}

  path(rel: string): string {
    return join(this.dir, ...rel.split('/'));
  }

  read(rel: string): Promise<string> {
    return readFile(this.path(rel), 'utf8');
  }

  async write(rel: string, content: string | Buffer): Promise<void> {
    await mkdir(dirname(this.path(rel)), { recursive: true });
    await writeFile(this.path(rel), content);
  }

  async json(rel: string, change: (value: Json) => void): Promise<void> {
    const value = JSON.parse(await this.read(rel)) as Json;
    change(value);
    await this.write(rel, `${JSON.stringify(value, null, 2)}\n`);
  }

  manifest(change: (m: Json & { evidence: Json[]; signoffs: Json[] }) => void): Promise<void> {
    return this.json('data/manifest.json', change as (value: Json) => void);
  }

  async trail(): Promise<LogEntry[]> {
    return (await this.read('data/audit-log.jsonl'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LogEntry);
  }

  async writeTrail(entries: readonly LogEntry[]): Promise<void> {
    await this.write('data/audit-log.jsonl', entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  /** Rewrites the trail with `change`, re-chains every entry, and moves the committed head to its new end. */
  async rechainTrail(change: (entries: LogEntry[]) => LogEntry[]): Promise<void> {
    const changed = change(await this.trail());
    const rechained: LogEntry[] = [];
    for (const e of changed) rechained.push(nextEntry(rechained.at(-1), { auditId: e.auditId, at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details }));
    await this.writeTrail(rechained);
    const last = rechained.at(-1);
    await this.setHead(last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: '0'.repeat(64) });
  }

  async setHead(head: { seq: number; hash: string }): Promise<void> {
    await this.manifest((m) => {
      m['logHead'] = head;
    });
    const info = await this.read('bag-info.txt');
    await this.write('bag-info.txt', info.replace(/^Evidence-Locker-Log-Head: .*$/m, `Evidence-Locker-Log-Head: ${head.seq} ${head.hash}`));
  }

  async dataFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const d of await readdir(dir, { withFileTypes: true })) {
        const full = join(dir, d.name);
        if (d.isDirectory()) await walk(full);
        else out.push(relative(this.dir, full).split(sep).join('/'));
      }
    };
    await walk(this.path('data'));
    return out.sort();
  }

  /** manifest-sha256.txt from the files now under data/, and Payload-Oxum to match. */
  async rehashPayload(): Promise<void> {
    const files = await this.dataFiles();
    let bytes = 0;
    const lines: string[] = [];
    for (const f of files) {
      const content = await readFile(this.path(f));
      bytes += content.length;
      lines.push(`${sha(content)}  ${f}\n`);
    }
    await this.write('manifest-sha256.txt', lines.join(''));
    const info = await this.read('bag-info.txt');
    await this.write('bag-info.txt', info.replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${bytes}.${files.length}`));
  }

  /** tagmanifest-sha256.txt over the three tag files, signed with the attacker's key. */
  async resign(tagFiles: readonly string[] = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']): Promise<void> {
    const lines: string[] = [];
    for (const t of tagFiles) lines.push(`${sha(await readFile(this.path(t)))}  ${t}\n`);
    const tagmanifest = lines.join('');
    await this.write('tagmanifest-sha256.txt', tagmanifest);
    await this.write(
      'signature.json',
      `${JSON.stringify(
        {
          algorithm: 'Ed25519',
          signedFile: 'tagmanifest-sha256.txt',
          signature: sign(null, Buffer.from(tagmanifest), this.attacker.privateKey).toString('base64'),
          publicKey: this.attacker.raw.toString('base64'),
          publicKeyPem: this.attacker.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
          keyFingerprint: this.attacker.fingerprint,
        },
        null,
        2,
      )}\n`,
    );
  }

  /** Everything re-hashed and re-signed: what "re-sign the bag with a fresh key" means. */
  async reseal(): Promise<void> {
    await this.rehashPayload();
    await this.resign();
  }

  /** A sign-off payload signed by the attacker, in the v2 form the app writes. */
  signoffBy(payload: Json): { payload: Json; signature: string; publicKey: string } {
    const p = { ...payload, keyFingerprint: this.attacker.fingerprint };
    return { payload: p, signature: sign(null, Buffer.from(canonicalJson(p)), this.attacker.privateKey).toString('base64'), publicKey: this.attacker.raw.toString('base64') };
  }
}

export interface CorpusCase {
  readonly name: string;
  /** 'bag': the change is to the bag's files, so VERIFY.html (given the folder) sees it too. 'zip': only a ZIP reader can. */
  readonly level: 'bag' | 'zip';
  /** Which keys the checker trusts: the real exporter's (the sample reviewer's), or none. */
  readonly trust: 'exporter' | 'none';
  readonly verdict: Verdict;
  /** One of the failing problems must match (fail cases), or a signer must be unconfirmed. */
  readonly problem?: RegExp;
  readonly change?: (bag: BagEditor) => Promise<void>;
  /** ZIP-level cases build their archive themselves from the good bag's folder. */
  readonly zip?: (bagParent: string, bagName: string, out: string) => Promise<void>;
}

const CSV = 'data/evidence/AC-01/2026-Q1/002-okta-users-2026Q1.csv';
const PENDING_ID = '6f1d2c3b-0000-4000-8000-e00000000006';

function python(script: string, out: string): void {
  execFileSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n${script}\nz.close()`, out], { stdio: 'pipe' });
}

export const CORPUS: readonly CorpusCase[] = [
  { name: 'untouched, the exporter key trusted', level: 'bag', trust: 'exporter', verdict: 'pass' },
  { name: 'untouched, no key trusted', level: 'bag', trust: 'none', verdict: 'unconfirmed' },
  {
    name: 'one byte of an evidence file changed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^altered: data\/evidence\/AC-01\/2026-Q1\/002-okta-users-2026Q1\.csv/,
    change: async (b) => {
      const bytes = await readFile(b.path(CSV));
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      await b.write(CSV, bytes);
    },
  },
  {
    name: 'an evidence file swapped, manifest.json fixed up, re-hashed and re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /the trail recorded SHA-256 .* when it was created, the bundle holds/,
    change: async (b) => {
      const forged = 'user,role,last_login,reviewed_by\nalice,admin,2026-03-01,dana\n';
      await b.write(CSV, forged);
      await b.manifest((m) => {
        const item = m.evidence.find((e) => e['path'] === CSV) as Json;
        item['sha256'] = sha(forged);
        item['size'] = Buffer.byteLength(forged);
      });
      await b.reseal();
    },
  },
  {
    name: 'bag-info.txt edited, not re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^altered: bag-info\.txt/,
    change: async (b) => b.write('bag-info.txt', (await b.read('bag-info.txt')).replace('Acme Cloud Inc.', 'Acme Cloud Holdings')),
  },
  {
    name: 'bag-info.txt edited and the bag re-signed with a fresh key',
    level: 'bag',
    trust: 'exporter',
    verdict: 'unconfirmed',
    change: async (b) => {
      await b.write('bag-info.txt', (await b.read('bag-info.txt')).replace('Acme Cloud Inc.', 'Acme Cloud Holdings'));
      await b.resign();
    },
  },
  {
    name: 'an approval forged "by Dana Whitfield" with a fresh key, recorded in the trail, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'unconfirmed',
    change: async (b) => {
      const trail = await b.trail();
      const last = trail.at(-1) as LogEntry;
      let forged: { payload: Json; signature: string; publicKey: string } | null = null;
      await b.manifest((m) => {
        const item = m.evidence.find((e) => e['id'] === PENDING_ID) as Json;
        forged = b.signoffBy({
          v: 2,
          evidenceId: PENDING_ID,
          evidenceSha256: item['sha256'],
          evidenceDate: item['evidenceDate'],
          controlRefs: item['controlRefs'],
          slots: item['slots'],
          systemReport: item['systemReport'],
          decision: 'approved',
          comment: 'Reviewed.',
          reviewer: { name: 'Dana Whitfield', role: 'IT Manager' },
          at: '2099-01-01T00:00:00.000Z',
          logHead: { seq: last.seq, hash: last.hash },
        });
        m.signoffs.push({ id: 'forged-1', auditId: item['auditId'] ?? (m['audit'] as Json)['id'], evidenceId: PENDING_ID, ...forged });
        item['decision'] = 'approved';
        item['signoffId'] = 'forged-1';
        item['signoffValid'] = true;
      });
      await b.rechainTrail((entries) => [
        ...entries,
        { ...last, at: '2099-01-01T00:00:00.000Z', actor: 'dana@mgr-laptop', action: 'signoff', target: `evidence:${PENDING_ID}`, details: { signoffId: 'forged-1', decision: 'approved' } },
      ]);
      await b.reseal();
    },
  },
  {
    name: 'an approval forged with a fresh key but not recorded in the trail, re-signed',
    level: 'bag',
    trust: 'none',
    verdict: 'fail',
    problem: /sign-off forged-2 is not recorded in the audit trail/,
    change: async (b) => {
      const last = (await b.trail()).at(-1) as LogEntry;
      await b.manifest((m) => {
        const item = m.evidence.find((e) => e['id'] === PENDING_ID) as Json;
        const forged = b.signoffBy({
          v: 2,
          evidenceId: PENDING_ID,
          evidenceSha256: item['sha256'],
          evidenceDate: item['evidenceDate'],
          controlRefs: item['controlRefs'],
          slots: item['slots'],
          systemReport: item['systemReport'],
          decision: 'approved',
          comment: '',
          reviewer: { name: 'Dana Whitfield', role: 'IT Manager' },
          at: '2099-01-01T00:00:00.000Z',
          logHead: { seq: last.seq, hash: last.hash },
        });
        m.signoffs.push({ id: 'forged-2', auditId: (m['audit'] as Json)['id'], evidenceId: PENDING_ID, ...forged });
        item['decision'] = 'approved';
        item['signoffId'] = 'forged-2';
      });
      await b.reseal();
    },
  },
  {
    name: 'a log entry deleted and the trail re-chained, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /this trail does not hold that entry \(the trail was cut or rewritten\)/,
    change: async (b) => {
      await b.rechainTrail((entries) => entries.filter((_, i) => i !== 2));
      await b.reseal();
    },
  },
  {
    name: 'a log entry edited and the trail re-chained, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /this trail does not hold that entry/,
    change: async (b) => {
      await b.rechainTrail((entries) => entries.map((e, i) => (i === 1 ? { ...e, actor: 'mallory@elsewhere' } : e)));
      await b.reseal();
    },
  },
  {
    name: 'the trail cut after the evidence entries, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /is not recorded in the audit trail|does not hold that entry/,
    change: async (b) => {
      await b.rechainTrail((entries) => entries.slice(0, 7));
      await b.reseal();
    },
  },
  {
    name: 'the trail emptied, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /the trail is empty/,
    change: async (b) => {
      await b.rechainTrail(() => []);
      await b.reseal();
    },
  },
  {
    name: 'the trail emptied, not re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^altered: data\/audit-log\.jsonl/,
    change: async (b) => b.write('data/audit-log.jsonl', ''),
  },
  {
    name: 'a log entry edited in place',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /entry 2 \(line 2\): hash does not match its content/,
    change: async (b) => {
      const entries = await b.trail();
      entries[1] = { ...(entries[1] as LogEntry), actor: 'mallory' };
      await b.writeTrail(entries);
      await b.reseal();
    },
  },
  {
    name: 'log entries of another audit appended and re-chained, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /belongs to another audit/,
    change: async (b) => {
      await b.rechainTrail((entries) => [...entries, { ...(entries[0] as LogEntry), auditId: 'another-audit', details: { name: 'Other' } }]);
      await b.reseal();
    },
  },
  {
    name: 'signature.json with the PEM of another key',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /publicKeyPem is a different key than publicKey/,
    change: async (b) => b.json('signature.json', (s) => (s['publicKeyPem'] = b.attacker.publicKey.export({ format: 'pem', type: 'spki' }).toString())),
  },
  {
    name: 'signature.json naming a fingerprint that is not its key\'s',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /keyFingerprint .* is not the fingerprint of its publicKey/,
    change: async (b) => b.json('signature.json', (s) => (s['keyFingerprint'] = b.attacker.fingerprint)),
  },
  {
    name: 'the bag signature replaced',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /the signature does not verify over tagmanifest-sha256\.txt/,
    change: async (b) => b.json('signature.json', (s) => (s['signature'] = Buffer.alloc(64, 7).toString('base64'))),
  },
  { name: 'signature.json removed', level: 'bag', trust: 'exporter', verdict: 'fail', problem: /^missing: signature\.json$/, change: async (b) => unlink(b.path('signature.json')) },
  {
    name: 'signature.json carrying a name for its signer',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /unexpected field "signer"/,
    change: async (b) => b.json('signature.json', (s) => (s['signer'] = 'Dana Whitfield, IT Manager')),
  },
  {
    name: 'a path listed twice in manifest-sha256.txt, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /listed twice in manifest-sha256\.txt: data\/evidence\.csv/,
    change: async (b) => {
      const m = await b.read('manifest-sha256.txt');
      const line = m.split('\n').find((l) => l.endsWith('  data/evidence.csv')) ?? '';
      await b.write('manifest-sha256.txt', `${m}${line}\n`);
      await b.resign();
    },
  },
  {
    name: 'a wrong size in manifest.json, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /manifest\.json gives 1 bytes for data\/evidence\/AC-01\/2026-Q1\/002-okta-users-2026Q1\.csv, the file has \d+/,
    change: async (b) => {
      await b.manifest((m) => ((m.evidence.find((e) => e['path'] === CSV) as Json)['size'] = 1));
      await b.reseal();
    },
  },
  {
    name: 'an evidence file not described in manifest.json, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^not described in manifest\.json: data\/evidence\/AC-01\/2026-Q1\/009-planted\.csv$/,
    change: async (b) => {
      await b.write('data/evidence/AC-01/2026-Q1/009-planted.csv', 'user\nmallory\n');
      await b.reseal();
    },
  },
  {
    name: 'a file outside data/ that no manifest lists',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^not listed in any manifest: notes\.txt$/,
    change: async (b) => b.write('notes.txt', 'read me first\n'),
  },
  {
    name: 'a file added to data/ and listed nowhere',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^not listed in manifest-sha256\.txt: data\/evidence\/planted\.png$/,
    change: async (b) => b.write('data/evidence/planted.png', 'x'),
  },
  { name: 'an evidence file removed', level: 'bag', trust: 'exporter', verdict: 'fail', problem: /^missing: data\/evidence\/AC-01\/2026-Q1\/002-okta-users-2026Q1\.csv$/, change: async (b) => unlink(b.path(CSV)) },
  {
    name: 'a pending item marked approved in manifest.json, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /manifest\.json says "approved", but its latest sign-off does not \(there is none\)/,
    change: async (b) => {
      await b.manifest((m) => ((m.evidence.find((e) => e['id'] === PENDING_ID) as Json)['decision'] = 'approved'));
      await b.reseal();
    },
  },
  {
    name: 'a sign-off comment edited, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /the signature does not verify \(the sign-off was changed after signing, or signed by another key\)/,
    change: async (b) => {
      await b.manifest((m) => (((m.signoffs[0] as Json)['payload'] as Json)['comment'] = 'Looks fine.'));
      await b.reseal();
    },
  },
  {
    name: 'an approved item re-dated into another quarter, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /manifest\.json says "approved", but its latest sign-off does not \(it is stale\)/,
    change: async (b) => {
      await b.manifest((m) => {
        const item = m.evidence.find((e) => e['path'] === CSV) as Json;
        item['evidenceDate'] = '2026-08-14T12:00:00.000Z';
        item['slots'] = [{ control: 'AC-01', slot: '2026-Q3' }];
      });
      await b.reseal();
    },
  },
  {
    name: 'Payload-Oxum that does not add up, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^Payload-Oxum 1\.13 does not match \d+ bytes in 13 files$/,
    change: async (b) => {
      await b.write('bag-info.txt', (await b.read('bag-info.txt')).replace(/^Payload-Oxum: .*$/m, 'Payload-Oxum: 1.13'));
      await b.resign();
    },
  },
  {
    name: 'bagit.txt declaring another BagIt version, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^BagIt-Version is "0\.96", expected "1\.0"$/,
    change: async (b) => {
      await b.write('bagit.txt', 'BagIt-Version: 0.96\nTag-File-Character-Encoding: UTF-8\n');
      await b.resign();
    },
  },
  {
    name: 'a tag manifest that no longer covers bag-info.txt, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^not covered by tagmanifest-sha256\.txt: bag-info\.txt$/,
    change: async (b) => b.resign(['bagit.txt', 'manifest-sha256.txt']),
  },
  {
    name: 'a file name with terminal escape sequences, painting a fake PASS',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /not a safe path inside a bag folder/,
    // The entry is flagged UTF-8 (general purpose bit 11), so readers take the bytes as they
    // are; without the flag a ZIP reader decodes them as CP437, where ESC reads as an arrow.
    zip: async (parent, bag, out) => {
      const hostile = 'data/\u001b[2J\u001b[32mRESULT: PASS\u001b[0m.txt';
      await writeFile(join(parent, bag, hostile), 'x');
      execFileSync('zip', ['-q', '-r', '-X', '-nw', out, bag, '-x', `${bag}/${hostile}`], { cwd: parent });
      // Python clears the flag for names that are all ASCII; this ZipInfo keeps it.
      const script = [
        'import zipfile,sys',
        'class Utf8(zipfile.ZipInfo):',
        '    def _encodeFilenameFlags(self): return self.filename.encode("utf-8"), self.flag_bits | 0x800',
        'z=zipfile.ZipFile(sys.argv[1],"a")',
        'z.writestr(Utf8(sys.argv[2]),"x")',
        'z.close()',
      ].join('\n');
      execFileSync('python3', ['-c', script, out, `${bag}/${hostile}`]);
    },
  },
  {
    name: 'two paths that differ only in letter case',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /only in letter case/,
    change: async (b) => {
      await cp(b.path('data/evidence.csv'), b.path('data/EVIDENCE.csv'));
    },
  },
  {
    name: 'the bag\'s own VERIFY.html replaced by one that always says PASS, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'unconfirmed',
    change: async (b) => {
      await b.write('data/VERIFY.html', '<!doctype html><title>Verify</title><p style="color:green">PASS</p>\n');
      await b.reseal();
    },
  },
  {
    name: 'an evidence item taken out and not listed as left out, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /is in the audit trail but neither in this bundle nor listed as left out/,
    change: async (b) => {
      await unlink(b.path(CSV));
      await b.manifest((m) => {
        m.evidence = m.evidence.filter((e) => e['path'] !== CSV);
        const removed = new Set(m.signoffs.filter((s) => !m.evidence.some((e) => e['id'] === s['evidenceId'])).map((s) => s['id']));
        m.signoffs = m.signoffs.filter((s) => !removed.has(s['id']));
      });
      await b.reseal();
    },
  },
  {
    name: 'a committed trail head that is not where the trail ends, re-signed',
    level: 'bag',
    trust: 'exporter',
    verdict: 'fail',
    problem: /the bundle commits to trail head 40 but its trail ends at entry 12/,
    change: async (b) => {
      await b.setHead({ seq: 40, hash: 'ab'.repeat(32) });
      await b.reseal();
    },
  },
  {
    name: 'two bag folders in one ZIP',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /a bundle holds exactly one top-level bag folder; this ZIP has 2 top-level names/,
    zip: async (parent, bag, out) => {
      await cp(join(parent, bag), join(parent, `${bag}-copy`), { recursive: true });
      execFileSync('zip', ['-q', '-r', '-X', out, bag, `${bag}-copy`], { cwd: parent });
    },
  },
  {
    name: 'a file beside the bag folder in the ZIP',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /a bundle holds exactly one top-level bag folder/,
    zip: async (parent, bag, out) => {
      await writeFile(join(parent, 'README.txt'), 'open me\n');
      execFileSync('zip', ['-q', '-r', '-X', out, bag, 'README.txt'], { cwd: parent });
    },
  },
  {
    name: 'a path-traversal entry',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /not a readable ZIP: invalid relative path|not a safe path/,
    zip: async (_parent, bag, out) => python(`z.writestr('${bag}/../../evil.sh','echo pwned')`, out),
  },
  {
    name: 'a symbolic link inside the bag',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /is a symbolic link/,
    zip: async (parent, bag, out) => {
      await symlink('/etc/passwd', join(parent, bag, 'data', 'passwd'));
      execFileSync('zip', ['-q', '-r', '-X', '-y', out, bag], { cwd: parent });
    },
  },
  {
    name: 'a ZIP bomb',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /inflates \d+× \(a ZIP bomb\?\)/,
    zip: async (_parent, bag, out) => python(`z.writestr('${bag}/data/zeros.bin', bytes(200*1024*1024))`, out),
  },
  {
    name: 'a file that is not a ZIP',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^This is not a ZIP file/,
    zip: async (_parent, _bag, out) => writeFile(out, 'this is a text file, not a bundle\n'),
  },
  {
    name: 'a truncated ZIP',
    level: 'zip',
    trust: 'exporter',
    verdict: 'fail',
    problem: /^not a readable ZIP: /,
    zip: async (parent, bag, out) => {
      execFileSync('zip', ['-q', '-r', '-X', `${out}.whole`, bag], { cwd: parent });
      const bytes = await readFile(`${out}.whole`);
      await writeFile(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await rm(`${out}.whole`);
    },
  },
];

export interface BuiltCase {
  readonly case: CorpusCase;
  readonly zipPath: string;
  /** The unzipped bag folder (bag-level cases). */
  readonly bagDir: string | null;
  readonly trusted: readonly TrustedKey[];
  /** The same trust as `evidence-locker verify` arguments: the exporter's key card. */
  readonly trustArgs: readonly string[];
}

export interface Corpus {
  readonly dir: string;
  readonly sample: SampleAudit;
  readonly exporter: string;
  /** The sample reviewer's key card, as they would hand it to the auditor. */
  readonly keyCardPath: string;
  readonly attacker: Attacker;
  readonly cases: readonly BuiltCase[];
  cleanup(): Promise<void>;
}

/** Writes the sample bundle, then every case as its own ZIP (and folder) under one temporary directory. */
export async function buildCorpus(cases: readonly CorpusCase[] = CORPUS): Promise<Corpus> {
  const dir = await mkdtemp(join(process.env['TMPDIR'] ?? '/tmp', 'corpus-'));
  const sample = await buildSampleAudit();
  const good = join(dir, 'good.zip');
  const { plan } = await signAndWrite(sample, good);
  const bagName = plan.bagName;
  const attacker = makeAttacker();
  const card = await makeKeyCard({ ...sample.keys, ...sample.reviewer });
  const keyCardPath = join(dir, keyCardFileName(card));
  await writeFile(keyCardPath, renderKeyCardHtml(card));
  const exporterKey = trustedFromKeyCard(card, `key card ${keyCardFileName(card)}`);
  const built: BuiltCase[] = [];
  for (const [i, c] of cases.entries()) {
    const caseDir = join(dir, `case-${String(i).padStart(2, '0')}`);
    await mkdir(caseDir);
    execFileSync('unzip', ['-q', good, '-d', caseDir]);
    const zipPath = join(caseDir, 'bundle.zip');
    if (c.change) await c.change(new BagEditor(join(caseDir, bagName), attacker));
    if (c.zip) await c.zip(caseDir, bagName, zipPath);
    else execFileSync('zip', ['-q', '-r', '-X', zipPath, bagName], { cwd: caseDir });
    built.push({
      case: c,
      zipPath,
      bagDir: c.level === 'bag' ? join(caseDir, bagName) : null,
      trusted: c.trust === 'exporter' ? [exporterKey] : [],
      trustArgs: c.trust === 'exporter' ? ['--trust', keyCardPath] : [],
    });
  }
  return {
    dir,
    sample,
    exporter: sample.keys.fingerprint,
    keyCardPath,
    attacker,
    cases: built,
    cleanup: async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(sample.store.root, { recursive: true, force: true });
    },
  };
}

/** Files of a folder as VERIFY.html's picker reports them (paths start with the folder's name). */
export async function pickedFiles(folder: string): Promise<{ path: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }[]> {
  const top = folder.split(sep).filter(Boolean).pop() ?? '';
  const out: { path: string; size: number; arrayBuffer: () => Promise<ArrayBuffer> }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) await walk(full);
      else
        out.push({
          path: [top, ...relative(folder, full).split(sep)].join('/'),
          size: (await stat(full)).size,
          arrayBuffer: async () => {
            const bytes = await readFile(full);
            return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
          },
        });
    }
  };
  await walk(folder);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
