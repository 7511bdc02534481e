import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { ChainHead } from '../../../shared/locker/chain';
import { AUDITS_DIR, classifyPath } from '../../../shared/locker/layout';
import { verifyFetchedAudit, type LockerVerdict } from '../../../shared/locker/verify';

/**
 * The team locker's git runner (issue #17): the system git, run thin and safe. No shell (execFile
 * with an argument list), hooks off for every git process, the remote's included (a bare
 * repository on a file share runs its hooks as the user who pushes), no submodules, only the one
 * protocol the URL needs, never a prompt (credentials come from the user's own credential helper
 * or SSH agent; the app stores none). Verification is shared/locker's; this file only moves bytes.
 */
export const BRANCH = 'main';

export class GitMissing extends Error {
  constructor() {
    super(
      'Git is not installed (or not on PATH). The team locker uses the system git and its credential helpers. Install it: Debian/Ubuntu "sudo apt install git", Fedora "sudo dnf install git", macOS "xcode-select --install", Windows https://git-scm.com/download/win — then try again.',
    );
    this.name = 'GitMissing';
  }
}

export class GitFailed extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} failed: ${stderr.trim().split('\n').slice(-3).join(' / ') || 'no message'}`);
    this.name = 'GitFailed';
  }
}

export type GitProtocol = 'file' | 'https' | 'ssh';

/** The one protocol a remote URL needs; anything else (git://, ext::, fd::, http://) is refused before git runs. */
export function protocolOf(url: string): GitProtocol {
  // The app stores no credentials (issue #17): a password in the address would be stored with it.
  if (/^[a-z]+:\/\/[^/@\s]*:[^/@\s]*@/i.test(url)) throw new Error('the locker address holds a password: leave it out and let git\'s credential helper (or the SSH agent) supply it');
  if (/^https:\/\/[^\s]+$/i.test(url)) return 'https';
  if (/^ssh:\/\/[^\s]+$/i.test(url) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]/.test(url)) return 'ssh';
  if (/^file:\/\/\/[^\s]*$/i.test(url) || (isAbsolute(url) && !url.includes('::'))) return 'file';
  throw new Error(`"${url}" is not a locker address: use https://…, ssh://… (or user@host:path), or the full path of a bare repository`);
}

export interface GitOptions {
  /** The git binary; 'git' from PATH unless a test says otherwise. */
  readonly binary?: string;
}

/** `-c` settings every git process runs with, whatever the user's or the repository's config says. */
export function safetyConfig(protocol: GitProtocol): string[] {
  return [
    ['core.hooksPath', '/dev/null'],
    ['protocol.allow', 'never'],
    [`protocol.${protocol}.allow`, 'always'],
    ['submodule.recurse', 'false'],
    ['core.fsmonitor', 'false'],
    ['commit.gpgsign', 'false'],
    ['core.sshCommand', 'ssh -o BatchMode=yes'],
  ].flatMap(([k, v]) => ['-c', `${k ?? ''}=${v ?? ''}`]);
}

const ENV = { GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', GIT_PROTOCOL_FROM_USER: '0', LC_ALL: 'C' };

export function runGit(cwd: string, protocol: GitProtocol, args: readonly string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      options.binary ?? 'git',
      [...safetyConfig(protocol), ...args],
      { cwd, env: { ...process.env, ...ENV }, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(new GitMissing());
        else if (error) reject(new GitFailed(args, stderr.toString('utf8')));
        else resolve(stdout);
      },
    );
  });
}

/** One installation's working copy of a locker. */
export interface LockerClone {
  readonly dir: string;
  readonly url: string;
  readonly protocol: GitProtocol;
  readonly options: GitOptions;
}

async function git(clone: LockerClone, args: readonly string[]): Promise<string> {
  return (await runGit(clone.dir, clone.protocol, args, clone.options)).toString('utf8');
}

async function remoteHead(clone: LockerClone): Promise<string | null> {
  try {
    return (await git(clone, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${BRANCH}^{commit}`])).trim();
  } catch (error) {
    if (error instanceof GitFailed) return null;
    throw error;
  }
}

/**
 * Makes `dir` a working copy of the locker at `url` (an empty remote is fine: the first publish
 * creates the branch). `author` names the installation in commits; it carries no trust, the
 * signed chains do.
 */
export async function connect(dir: string, url: string, author: { readonly name: string; readonly fingerprint: string }, options: GitOptions = {}): Promise<LockerClone> {
  const clone: LockerClone = { dir, url, protocol: protocolOf(url), options };
  await mkdir(dir, { recursive: true });
  await git(clone, ['init', '--quiet', `--initial-branch=${BRANCH}`]);
  await git(clone, ['remote', 'add', 'origin', url]);
  await git(clone, ['config', 'user.name', author.name]);
  await git(clone, ['config', 'user.email', `${author.fingerprint.replace(/ /g, '')}@evidence-locker.invalid`]);
  // Only fetched, not adopted: what the remote holds is used after update() has verified it.
  await fetchRemote(clone);
  return clone;
}

/** A glob refspec, so an empty remote (no branch yet) fetches nothing instead of failing. */
async function fetchRemote(clone: LockerClone): Promise<void> {
  await git(clone, ['fetch', '--quiet', '--no-recurse-submodules', '--no-tags', '--prune', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
}

export interface LockerFile {
  /** Repository path, as shared/locker/layout.ts names it. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

function target(clone: LockerClone, path: string): string {
  if (classifyPath(path).kind === 'other') throw new Error(`"${path}" is not a path of the locker layout; nothing was written`);
  const full = join(clone.dir, path);
  const rel = relative(clone.dir, full);
  if (rel.startsWith('..') || isAbsolute(rel) || !rel.startsWith(AUDITS_DIR)) throw new Error(`"${path}" leaves the locker; nothing was written`);
  return full;
}

/**
 * A bare repository by path is pushed to by a receive-pack running here, as this user, with the
 * repository's own hooks, and git clears `-c` settings for it (local transports drop
 * GIT_CONFIG_PARAMETERS). A hostile hook on a file share would run as whoever publishes, so the
 * receive-pack is told directly. Over https/ssh the hooks are the server's, run by the server.
 */
function receivePack(clone: LockerClone): string[] {
  return clone.protocol === 'file' ? ['--receive-pack=git -c core.hooksPath=/dev/null receive-pack'] : [];
}

export interface PublishResult {
  readonly commit: string;
  /** Pushes that were rejected because someone pushed first (each was fetched and retried). */
  readonly retries: number;
}

/**
 * Writes this installation's new files, commits and pushes. A rejected push (another member
 * pushed first) fetches, replays the commit on top and pushes again: members never write the same
 * file, so the replay cannot conflict. Which files a member may write is the caller's
 * (shared/locker/layout.ts mayWrite); this only refuses paths outside the layout.
 */
export async function publish(clone: LockerClone, files: readonly LockerFile[], message: string, { attempts = 8 } = {}): Promise<PublishResult> {
  const targets = files.map((f) => ({ full: target(clone, f.path), file: f }));
  for (const { full, file } of targets) {
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.bytes);
  }
  if (files.length > 0) await git(clone, ['add', '--', ...files.map((f) => f.path)]);
  const staged = (await git(clone, ['status', '--porcelain', '--untracked-files=no'])).trim();
  if (staged !== '') await git(clone, ['commit', '--quiet', '--no-verify', '-m', message]);
  let retries = 0;
  for (;;) {
    try {
      await git(clone, ['push', '--quiet', '--no-recurse-submodules', ...receivePack(clone), 'origin', `HEAD:refs/heads/${BRANCH}`]);
      break;
    } catch (error) {
      if (!(error instanceof GitFailed) || retries + 1 >= attempts) throw error;
      retries += 1;
      await fetchRemote(clone);
      // Someone pushed first: replay our commits on theirs. Disjoint files make this clean.
      if (await remoteHead(clone)) await git(clone, ['rebase', '--quiet', `origin/${BRANCH}`]);
    }
  }
  return { commit: (await git(clone, ['rev-parse', 'HEAD'])).trim(), retries };
}

async function readAt(clone: LockerClone, commit: string, path: string): Promise<Buffer | null> {
  try {
    return await runGit(clone.dir, clone.protocol, ['cat-file', 'blob', `${commit}:${path}`], clone.options);
  } catch (error) {
    if (error instanceof GitFailed) return null;
    throw error;
  }
}

function nulList(text: string): string[] {
  return text.split('\0').filter((p) => p !== '');
}

export interface UpdateInput {
  readonly auditId: string;
  /** The audit owner's fingerprint, from the keyring: who may sign the roster. */
  readonly trustedOwner: string;
  readonly seen: Readonly<Record<string, ChainHead>>;
  readonly seenRosterVersion: number;
}

export interface UpdateResult {
  /** The remote commit that was checked, or null when the remote has nothing yet. */
  readonly remote: string | null;
  readonly verdict: LockerVerdict | null;
  /** True when nothing was refused and the working copy now stands on the remote's commit. */
  readonly applied: boolean;
}

/**
 * Fetches and checks what the remote holds for one audit, before anything of it is used: the
 * roster, every member's chain (against the roster and the heads this installation saw), and
 * every blob that is new or changed against this working copy. Only a clean verdict moves the
 * working copy onto the remote; a refused update leaves it where it was, for a person to look at.
 */
export async function update(clone: LockerClone, input: UpdateInput): Promise<UpdateResult> {
  await fetchRemote(clone);
  const remote = await remoteHead(clone);
  if (remote === null) return { remote: null, verdict: null, applied: false };
  const root = `${AUDITS_DIR}/${input.auditId}`;
  const listed = nulList(await git(clone, ['ls-tree', '-r', '-z', '--name-only', remote, '--', root])).map((path) => ({ path, what: classifyPath(path) }));
  const devices = [...new Set(listed.flatMap(({ what }) => (what.kind === 'events' || what.kind === 'head' ? [what.device] : [])))];
  const strays = listed.filter(({ what }) => what.kind === 'other' || what.auditId !== input.auditId).map(({ path }) => path);
  const text = async (path: string) => (await readAt(clone, remote, path))?.toString('utf8') ?? null;
  const chains = [];
  for (const device of devices) {
    chains.push({ device, eventsText: await text(`${root}/devices/${device}/events.jsonl`), headText: await text(`${root}/devices/${device}/head.json`) });
  }
  // Blobs new or changed against what this working copy holds (all of them on a first update).
  const local = (await git(clone, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '')).trim();
  const changed = local
    ? nulList(await git(clone, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=AM', local, remote, '--', `${root}/blobs`]))
    : nulList(await git(clone, ['ls-tree', '-r', '-z', '--name-only', remote, '--', `${root}/blobs`]));
  const blobs = [];
  for (const path of changed) {
    const bytes = await readAt(clone, remote, path);
    if (bytes) blobs.push({ path, bytes: new Uint8Array(bytes) });
  }
  const verdict = await verifyFetchedAudit({ ...input, rosterText: await text(`${root}/roster.json`), chains, blobs, strays });
  const applied = verdict.refusals.length === 0;
  if (applied) await git(clone, local ? ['rebase', '--quiet', `origin/${BRANCH}`] : ['reset', '--quiet', '--hard', `origin/${BRANCH}`]);
  return { remote, verdict, applied };
}
