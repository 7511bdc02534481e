import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, GitMissing, protocolOf, publish, runGit, update, type LockerClone, type UpdateInput } from '../../../../electron/main/locker/git';
import type { LogEntry } from '../../../../shared/domain/records';
import { blobPath } from '../../../../shared/locker/layout';
import { refusalMessage } from '../../../../shared/locker/refusal';
import { sha256Hex } from '../../../../shared/verify/bytes';
import { AUDIT, captures, files, person, rosterText, type Person } from '../../shared/locker/team';

const encode = (text: string) => new TextEncoder().encode(text);

let root = '';
let remote = '';
const plainGit = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'locker-git-'));
  remote = join(root, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
  // A hostile server-side hook: a bare repository on a share would run it as whoever pushes.
  writeFileSync(join(remote, 'hooks', 'pre-receive'), `#!/bin/sh\ntouch "${join(root, 'server-hook-ran')}"\n`);
  chmodSync(join(remote, 'hooks', 'pre-receive'), 0o755);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function install(p: Person, name: string): Promise<LockerClone> {
  return connect(join(root, name), remote, { name: p.name, fingerprint: p.keys.fingerprint });
}

async function publishChain(clone: LockerClone, p: Person, entries: readonly LogEntry[], blobs: readonly string[] = []) {
  const f = await files(p, entries);
  return publish(
    clone,
    [
      { path: f.eventsPath, bytes: encode(f.events) },
      { path: f.headPath, bytes: encode(f.head) },
      ...blobs.map((b) => ({ path: blobPath(AUDIT, sha256Hex(encode(b))), bytes: encode(b) })),
    ],
    `${p.name}: ${entries.length} entries`,
  );
}

async function team() {
  const owner = await person('Dana Whitfield', 'IT Manager');
  const ana = await person('Ana Ruiz', 'IT Admin');
  const bo = await person('Bo Chen', 'IT Admin');
  const ownerClone = await install(owner, 'owner');
  await publish(ownerClone, [{ path: `audits/${AUDIT}/roster.json`, bytes: encode(await rosterText(owner, [ana, bo])) }], 'roster');
  const input = (seen: UpdateInput['seen'] = {}): UpdateInput => ({ auditId: AUDIT, trustedOwner: owner.keys.fingerprint, seen, seenRosterVersion: 0 });
  return { owner, ana, bo, ownerClone, input };
}

describe('protocols', () => {
  it('allows only the protocol the address needs and refuses transports that run commands', () => {
    expect(protocolOf('/srv/locker.git')).toBe('file');
    expect(protocolOf('file:///srv/locker.git')).toBe('file');
    expect(protocolOf('https://git.example.com/acme/locker.git')).toBe('https');
    expect(protocolOf('ssh://git@git.example.com/acme/locker.git')).toBe('ssh');
    expect(protocolOf('git@github.com:acme/locker.git')).toBe('ssh');
    for (const bad of ['ext::sh -c touch% /tmp/pwned', 'git://example.com/x.git', 'http://example.com/x.git', 'locker.git', '--upload-pack=touch /tmp/x', 'fd::3']) {
      expect(() => protocolOf(bad), bad).toThrow(/not a locker address/);
    }
    expect(() => protocolOf('https://ana:ghp_secret@git.example.com/acme/locker.git')).toThrow(/holds a password.*credential helper/);
    expect(protocolOf('https://ana@git.example.com/acme/locker.git')).toBe('https');
  });

  it('says what to install when git is missing', async () => {
    const error: unknown = await runGit(root, 'file', ['--version'], { binary: join(root, 'no-git-here') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitMissing);
    expect((error as Error).message).toMatch(/Git is not installed.*sudo apt install git.*xcode-select --install.*git-scm\.com/);
  });
});

describe('publish and update against a bare repository by path', () => {
  it('lands two members publishing at the same time, and a third installation accepts both', async () => {
    const { ana, bo, input, owner } = await team();
    const [anaClone, boClone] = [await install(ana, 'ana'), await install(bo, 'bo')];
    const [a, b] = await Promise.all([
      publishChain(anaClone, ana, captures(ana, ['A1', 'A2'].map((t) => sha256Hex(encode(t)))), ['A1', 'A2']),
      publishChain(boClone, bo, captures(bo, ['B1'].map((t) => sha256Hex(encode(t)))), ['B1']),
    ]);
    // Both started from the roster commit: whoever pushed second was rejected, fetched and retried.
    expect(a.retries + b.retries).toBeGreaterThanOrEqual(1);
    expect(plainGit(remote, 'log', '--format=%s', 'main').trim().split('\n').sort()).toEqual(['Ana Ruiz: 2 entries', 'Bo Chen: 1 entries', 'roster']);

    const reviewer = await install(owner, 'reviewer');
    const result = await update(reviewer, input());
    expect(result.verdict?.refusals).toEqual([]);
    expect(result.applied).toBe(true);
    expect(result.verdict?.accepted.map((c) => c.member).sort()).toEqual(['Ana Ruiz, IT Admin', 'Bo Chen, IT Admin']);
    expect(result.verdict?.blobs).toHaveLength(3);
    expect(readFileSync(join(reviewer.dir, blobPath(AUDIT, sha256Hex(encode('B1')))), 'utf8')).toBe('B1');
  });

  it('runs no hooks, neither the working copy\'s nor the remote\'s (a plain git push would)', async () => {
    const { ana } = await team();
    const anaClone = await install(ana, 'ana');
    writeFileSync(join(anaClone.dir, '.git', 'hooks', 'pre-commit'), `#!/bin/sh\ntouch "${join(root, 'client-hook-ran')}"\n`);
    chmodSync(join(anaClone.dir, '.git', 'hooks', 'pre-commit'), 0o755);
    await publishChain(anaClone, ana, captures(ana, [sha256Hex(encode('A1'))]));
    expect(existsSync(join(root, 'client-hook-ran'))).toBe(false);
    expect(existsSync(join(root, 'server-hook-ran'))).toBe(false);
    // The control: the same repository with git's defaults runs the server's hook.
    const raw = join(root, 'raw');
    plainGit(root, 'clone', '--quiet', remote, raw);
    plainGit(raw, '-c', 'user.name=x', '-c', 'user.email=x@x', 'commit', '--quiet', '--allow-empty', '-m', 'plain');
    plainGit(raw, 'push', '--quiet', 'origin', 'HEAD:main');
    expect(existsSync(join(root, 'server-hook-ran'))).toBe(true);
  });

  it('detects a member chain rewritten and force-pushed, names the member and the entry, and does not apply it', async () => {
    const { ana, input } = await team();
    const anaClone = await install(ana, 'ana');
    const reviewer = await install(ana, 'reviewer');
    await publishChain(anaClone, ana, captures(ana, ['A1', 'A2'].map((t) => sha256Hex(encode(t)))));
    const first = await update(reviewer, input());
    expect(first.applied).toBe(true);
    const seen = first.verdict?.seen ?? {};
    expect(seen[ana.device]?.seq).toBe(2);

    // Ana's key re-signs a different history, and the commit is replaced on the remote.
    const rewritten = await files(ana, captures(ana, ['A1', 'X2', 'X3'].map((t) => sha256Hex(encode(t)))));
    writeFileSync(join(anaClone.dir, rewritten.eventsPath), rewritten.events);
    writeFileSync(join(anaClone.dir, rewritten.headPath), rewritten.head);
    plainGit(anaClone.dir, 'commit', '--quiet', '--amend', '-a', '-m', 'rewritten');
    plainGit(anaClone.dir, 'push', '--quiet', '--force', 'origin', 'HEAD:main');

    const before = plainGit(reviewer.dir, 'rev-parse', 'HEAD');
    const second = await update(reviewer, input(seen));
    expect(second.applied).toBe(false);
    expect(second.verdict?.refusals).toHaveLength(1);
    const refusal = second.verdict?.refusals[0];
    expect(refusal).toMatchObject({ kind: 'rewritten', member: 'Ana Ruiz, IT Admin', entry: 2, path: rewritten.eventsPath });
    expect(refusal && refusalMessage(refusal)).toMatch(/^Ana Ruiz, IT Admin's chain, entry 2 of .*history was rewritten \(force-pushed\)/);
    expect(second.verdict?.seen[ana.device]).toEqual(seen[ana.device]);
    expect(plainGit(reviewer.dir, 'rev-parse', 'HEAD')).toBe(before);
  });

  it("refuses a member's chain deleted from the repository and a stray file, after having seen the chain", async () => {
    const { ana, owner, input } = await team();
    const anaClone = await install(ana, 'ana');
    await publishChain(anaClone, ana, captures(ana, [sha256Hex(encode('A1'))]));
    const reviewer = await install(owner, 'reviewer');
    const first = await update(reviewer, input());
    expect(first.applied).toBe(true);

    const raw = join(root, 'attacker');
    plainGit(root, 'clone', '--quiet', remote, raw);
    plainGit(raw, 'rm', '--quiet', '-r', `audits/${AUDIT}/devices/${ana.device}`);
    writeFileSync(join(raw, 'audits', AUDIT, 'payload.sh'), 'echo hi');
    plainGit(raw, 'add', '.');
    plainGit(raw, '-c', 'user.name=x', '-c', 'user.email=x@x', '-c', 'core.hooksPath=/dev/null', 'commit', '--quiet', '-m', 'delete');
    plainGit(raw, '-c', 'core.hooksPath=/dev/null', 'push', '--quiet', 'origin', 'HEAD:main');

    const second = await update(reviewer, input(first.verdict?.seen));
    expect(second.applied).toBe(false);
    expect(second.verdict?.refusals).toMatchObject([
      { kind: 'rewritten', member: 'Ana Ruiz, IT Admin', entry: 1 },
      { kind: 'layout', path: `audits/${AUDIT}/payload.sh` },
    ]);
    expect(existsSync(join(reviewer.dir, 'audits', AUDIT, 'devices', ana.device, 'events.jsonl'))).toBe(true);
  });

  it('refuses a blob swapped in the repository, naming the entry that recorded its hash', async () => {
    const { ana, owner, input } = await team();
    const anaClone = await install(ana, 'ana');
    const sha = sha256Hex(encode('the real screenshot'));
    await publishChain(anaClone, ana, captures(ana, [sha]), ['the real screenshot']);
    const raw = join(root, 'attacker');
    plainGit(root, 'clone', '--quiet', remote, raw);
    writeFileSync(join(raw, blobPath(AUDIT, sha)), 'a forged screenshot');
    plainGit(raw, '-c', 'user.name=x', '-c', 'user.email=x@x', '-c', 'core.hooksPath=/dev/null', 'commit', '--quiet', '-a', '-m', 'swap');
    plainGit(raw, '-c', 'core.hooksPath=/dev/null', 'push', '--quiet', 'origin', 'HEAD:main');

    const reviewer = await install(owner, 'reviewer');
    const result = await update(reviewer, input());
    expect(result.applied).toBe(false);
    expect(result.verdict?.accepted.map((c) => c.member)).toEqual(['Ana Ruiz, IT Admin']);
    expect(result.verdict?.blobs).toEqual([]);
    expect(result.verdict?.refusals).toMatchObject([{ kind: 'blob', member: 'Ana Ruiz, IT Admin', entry: 1, path: blobPath(AUDIT, sha) }]);
  });

  it('refuses a key that is not on the roster, naming it, and writes nothing outside the layout', async () => {
    const { input } = await team();
    const mallory = await person('Mallory', 'IT Admin');
    const malloryClone = await install(mallory, 'mallory');
    await publishChain(malloryClone, mallory, captures(mallory, [sha256Hex(encode('M1'))]));
    const result = await update(await install(mallory, 'reviewer'), input());
    expect(result.verdict?.refusals).toMatchObject([{ kind: 'unknown-key', entry: 1, member: `key ${mallory.device.slice(0, 16)}… (not on the roster)` }]);

    await expect(publish(malloryClone, [{ path: '../../outside', bytes: encode('x') }], 'escape')).rejects.toThrow(/not a path of the locker layout/);
    await expect(publish(malloryClone, [{ path: '.git/hooks/post-commit', bytes: encode('x') }], 'hook')).rejects.toThrow(/not a path of the locker layout/);
    expect(existsSync(join(root, 'outside'))).toBe(false);
    expect(existsSync(join(malloryClone.dir, '.git', 'hooks', 'post-commit'))).toBe(false);
  });
});
