import { describe, expect, it } from 'vitest';
import { verifyDeviceChain } from '../../../../shared/locker/chain';
import { blobPath, classifyPath, deviceDirName, eventsPath, headPath, mayWrite, rosterPath } from '../../../../shared/locker/layout';
import { refusalMessage } from '../../../../shared/locker/refusal';
import { verifyRoster } from '../../../../shared/locker/roster';
import { verifyFetchedAudit } from '../../../../shared/locker/verify';
import { hashEntry } from '../../../../shared/log/chain';
import { sha256Hex } from '../../../../shared/verify/bytes';
import { AUDIT, captures, files, person, roster, rosterText } from './team';

/** expect.stringContaining, typed: it is `any` in vitest's types. */
const containing = (text: string): unknown => expect.stringContaining(text) as unknown;
const bytes = (text: string) => new TextEncoder().encode(text);
const SHA_A = sha256Hex(bytes('screenshot A'));
const SHA_B = sha256Hex(bytes('screenshot B'));

async function team() {
  const owner = await person('Dana Whitfield', 'IT Manager');
  const ana = await person('Ana Ruiz', 'IT Admin');
  const bo = await person('Bo Chen', 'IT Admin');
  return { owner, ana, bo, roster: (await roster(owner, [ana, bo])).payload };
}

describe('locker layout', () => {
  it('puts each audit in its own folder, blobs by hash, each key in its own device folder', async () => {
    const ana = await person('Ana Ruiz', 'IT Admin');
    expect(blobPath(AUDIT, SHA_A)).toBe(`audits/${AUDIT}/blobs/sha256/${SHA_A.slice(0, 2)}/${SHA_A.slice(2, 4)}/${SHA_A}`);
    expect(eventsPath(AUDIT, ana.keys.fingerprint)).toBe(`audits/${AUDIT}/devices/${ana.device}/events.jsonl`);
    expect(headPath(AUDIT, ana.keys.fingerprint)).toBe(`audits/${AUDIT}/devices/${ana.device}/head.json`);
    expect(ana.device).toMatch(/^[0-9a-f]{64}$/);
    expect(classifyPath(blobPath(AUDIT, SHA_A))).toEqual({ kind: 'blob', auditId: AUDIT, sha256: SHA_A });
    expect(classifyPath(eventsPath(AUDIT, ana.keys.fingerprint))).toEqual({ kind: 'events', auditId: AUDIT, device: ana.device });
    expect(classifyPath(rosterPath(AUDIT))).toEqual({ kind: 'roster', auditId: AUDIT });
    // A blob filed under the wrong fan-out folders is not a blob.
    expect(classifyPath(`audits/${AUDIT}/blobs/sha256/00/00/${SHA_A}`).kind).toBe(SHA_A.startsWith('0000') ? 'blob' : 'other');
  });

  it('refuses audit ids and hashes that could leave their folder', () => {
    expect(() => blobPath('../x', SHA_A)).toThrow(/cannot name a locker folder/);
    expect(() => blobPath(AUDIT, '../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(() => deviceDirName('../..')).toThrow(/not a key fingerprint/);
  });

  it('lets two members write only disjoint files: own chain and blobs; the roster only the owner', async () => {
    const { owner, ana, bo } = await team();
    const anaFiles = await files(ana, captures(ana, [SHA_A]));
    const boFiles = await files(bo, captures(bo, [SHA_A]));
    expect(new Set([anaFiles.eventsPath, anaFiles.headPath, boFiles.eventsPath, boFiles.headPath]).size).toBe(4);
    expect(mayWrite(anaFiles.eventsPath, AUDIT, ana.keys.fingerprint, false)).toBe(true);
    expect(mayWrite(boFiles.eventsPath, AUDIT, ana.keys.fingerprint, false)).toBe(false);
    expect(mayWrite(blobPath(AUDIT, SHA_A), AUDIT, ana.keys.fingerprint, false)).toBe(true);
    expect(mayWrite(rosterPath(AUDIT), AUDIT, ana.keys.fingerprint, false)).toBe(false);
    expect(mayWrite(rosterPath(AUDIT), AUDIT, owner.keys.fingerprint, true)).toBe(true);
    expect(mayWrite(`audits/${AUDIT}/../x`, AUDIT, ana.keys.fingerprint, false)).toBe(false);
  });
});

describe('team roster', () => {
  it('verifies when signed by the owner this installation trusts, and names its members', async () => {
    const { owner, ana } = await team();
    const check = await verifyRoster(await rosterText(owner, [ana]), AUDIT, owner.keys.fingerprint);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.roster.payload.members.map((m) => m.name)).toEqual(['Dana Whitfield', 'Ana Ruiz']);
  });

  it('refuses a roster signed by another owner, edited after signing, of another audit, or older than one accepted', async () => {
    const { owner, ana, bo } = await team();
    const byAna = await verifyRoster(await rosterText(ana, [bo]), AUDIT, owner.keys.fingerprint);
    expect(byAna).toEqual({ ok: false, reason: containing('not by the owner this installation trusts') });

    const signed = await roster(owner, [ana]);
    const edited = { ...signed, payload: { ...signed.payload, members: [...signed.payload.members, { name: 'Mallory', role: 'IT Admin', publicKey: bo.keys.publicKeyRaw, fingerprint: bo.keys.fingerprint }] } };
    expect(await verifyRoster(JSON.stringify(edited), AUDIT, owner.keys.fingerprint)).toEqual({ ok: false, reason: containing("owner's signature does not verify") });

    expect(await verifyRoster(await rosterText(owner, [ana]), 'other-audit', owner.keys.fingerprint)).toEqual({ ok: false, reason: containing('roster of audit "audit-2026-q4"') });
    expect(await verifyRoster(await rosterText(owner, [ana], 2), AUDIT, owner.keys.fingerprint, 3)).toEqual({ ok: false, reason: containing('older than version 3') });

    const wrongPrint = { ...signed.payload, members: [{ name: 'Ana Ruiz', role: 'IT Admin', publicKey: ana.keys.publicKeyRaw, fingerprint: bo.keys.fingerprint }] };
    expect(await verifyRoster(JSON.stringify({ payload: wrongPrint, signature: signed.signature }), AUDIT, owner.keys.fingerprint)).toEqual({ ok: false, reason: containing('not the fingerprint of the key listed') });
  });
});

describe('device chains', () => {
  it('accepts a member chain made with the app log chaining and signed by their key', async () => {
    const { ana, roster: r } = await team();
    const entries = captures(ana, [SHA_A, SHA_B]);
    // The chain is the app's own audit trail format: hash = sha256(JCS(entry without hash)).
    const { hash, ...rest } = entries[1] ?? entries[0]!;
    expect(hashEntry(rest)).toBe(hash);
    const f = await files(ana, entries);
    const verdict = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: f.events, headText: f.head, roster: r, seen: null });
    expect(verdict).toMatchObject({ ok: true, member: 'Ana Ruiz, IT Admin', head: { seq: 2, hash: entries[1]?.hash } });
  });

  it('refuses a chain signed by a key that is not on the roster, naming the key and the entry', async () => {
    const { roster: r } = await team();
    const mallory = await person('Mallory', 'IT Admin');
    const f = await files(mallory, captures(mallory, [SHA_A, SHA_B, SHA_A]));
    const verdict = await verifyDeviceChain({ auditId: AUDIT, device: mallory.device, eventsText: f.events, headText: f.head, roster: r, seen: null });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.refusal).toMatchObject({ kind: 'unknown-key', entry: 3, path: f.headPath });
    expect(refusalMessage(verdict.refusal)).toContain(`key ${mallory.device.slice(0, 16)}… (not on the roster)'s chain, entry 3`);
    expect(verdict.refusal.reason).toContain(mallory.keys.fingerprint);
  });

  it("refuses a head signed by another member's key in someone's folder, and a head edited after signing", async () => {
    const { ana, bo, roster: r } = await team();
    const entries = captures(ana, [SHA_A]);
    const byBo = await files(bo, entries);
    const impostor = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: byBo.events, headText: byBo.head, roster: r, seen: null });
    expect(impostor).toMatchObject({ ok: false, refusal: { kind: 'signature', member: 'Ana Ruiz, IT Admin', entry: 1 } });

    const f = await files(ana, entries);
    const head = JSON.parse(f.head) as { payload: { at: string } };
    head.payload.at = '2027-01-01T00:00:00.000Z';
    const edited = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: f.events, headText: JSON.stringify(head), roster: r, seen: null });
    expect(edited).toMatchObject({ ok: false, refusal: { kind: 'signature', entry: 1, reason: containing("does not verify with Ana Ruiz's key") } });
  });

  it('refuses an edited entry, an entry of another audit, and a chain that ends where its head does not', async () => {
    const { ana, roster: r } = await team();
    const entries = captures(ana, [SHA_A, SHA_B, SHA_A]);
    const f = await files(ana, entries);
    const editedEvents = f.events.replace(SHA_B, SHA_A);
    const edited = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: editedEvents, headText: f.head, roster: r, seen: null });
    expect(edited).toMatchObject({ ok: false, refusal: { kind: 'chain', entry: 2, member: 'Ana Ruiz, IT Admin', path: f.eventsPath, reason: containing('does not match its content') } });

    const other = await files(ana, captures(ana, [SHA_A], [], 'audit-other'), 'audit-other');
    const foreign = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: other.events, headText: f.head, roster: r, seen: null });
    expect(foreign).toMatchObject({ ok: false, refusal: { kind: 'chain', entry: 1, reason: containing('another audit') } });

    const cut = f.events.split('\n').slice(0, 2).join('\n');
    const short = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: cut, headText: f.head, roster: r, seen: null });
    expect(short).toMatchObject({ ok: false, refusal: { kind: 'chain', entry: 3, reason: containing('the chain ends at entry 2') } });
  });

  it('refuses a re-signed rewrite or cut of what this installation already saw, and accepts an extension', async () => {
    const { ana, roster: r } = await team();
    const first = captures(ana, [SHA_A, SHA_B]);
    const seen = { seq: 2, hash: first[1]?.hash ?? '' };

    const extended = await files(ana, captures(ana, [SHA_A], first));
    const more = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: extended.events, headText: extended.head, roster: r, seen });
    expect(more).toMatchObject({ ok: true, head: { seq: 3 } });

    // Ana's own key re-signs a different history: valid signatures, but not what was seen.
    const rewritten = await files(ana, captures(ana, [SHA_A, SHA_A, SHA_B]));
    const force = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: rewritten.events, headText: rewritten.head, roster: r, seen });
    expect(force).toMatchObject({ ok: false, refusal: { kind: 'rewritten', entry: 2, member: 'Ana Ruiz, IT Admin', reason: containing('history was rewritten') } });

    const cut = await files(ana, first.slice(0, 1));
    const shorter = await verifyDeviceChain({ auditId: AUDIT, device: ana.device, eventsText: cut.events, headText: cut.head, roster: r, seen });
    expect(shorter).toMatchObject({ ok: false, refusal: { kind: 'rewritten', entry: 2, reason: containing('history was cut') } });
  });
});

describe('a fetched audit as a whole', () => {
  it('accepts good chains and blobs, refuses the bad ones by name, and moves only accepted heads', async () => {
    const { owner, ana, bo } = await team();
    const mallory = await person('Mallory', 'IT Admin');
    const anaEntries = captures(ana, [SHA_A]);
    const anaFiles = await files(ana, anaEntries);
    const boFiles = await files(bo, captures(bo, [SHA_B]));
    const malloryFiles = await files(mallory, captures(mallory, [SHA_B]));
    const verdict = await verifyFetchedAudit({
      auditId: AUDIT,
      trustedOwner: owner.keys.fingerprint,
      rosterText: await rosterText(owner, [ana, bo]),
      chains: [
        { device: ana.device, eventsText: anaFiles.events, headText: anaFiles.head },
        { device: bo.device, eventsText: boFiles.events, headText: boFiles.head },
        { device: mallory.device, eventsText: malloryFiles.events, headText: malloryFiles.head },
      ],
      blobs: [
        { path: blobPath(AUDIT, SHA_A), bytes: bytes('screenshot A') },
        { path: blobPath(AUDIT, SHA_B), bytes: bytes('not screenshot B') },
      ],
      seen: {},
      seenRosterVersion: 0,
    });
    expect(verdict.accepted.map((c) => c.member)).toEqual(['Ana Ruiz, IT Admin', 'Bo Chen, IT Admin']);
    expect(verdict.seen).toEqual({ [ana.device]: { seq: 1, hash: anaEntries[0]?.hash }, [bo.device]: verdict.accepted[1]?.head });
    expect(verdict.blobs.map((b) => b.sha256)).toEqual([SHA_A]);
    expect(verdict.refusals.map((x) => x.kind)).toEqual(['unknown-key', 'blob']);
    const blob = verdict.refusals[1];
    expect(blob).toMatchObject({ member: 'Bo Chen, IT Admin', entry: 1, path: blobPath(AUDIT, SHA_B) });
    expect(blob && refusalMessage(blob)).toMatch(/^Bo Chen, IT Admin's chain, entry 1 of audits\/.*: its bytes hash to [0-9a-f]{64}, not to its name/);
  });

  it('refuses a chain it saw that is gone, and any file the layout does not define', async () => {
    const { owner, ana, bo } = await team();
    const boEntries = captures(bo, [SHA_B, SHA_A]);
    const anaFiles = await files(ana, captures(ana, [SHA_A]));
    const verdict = await verifyFetchedAudit({
      auditId: AUDIT,
      trustedOwner: owner.keys.fingerprint,
      rosterText: await rosterText(owner, [ana, bo]),
      chains: [{ device: ana.device, eventsText: anaFiles.events, headText: anaFiles.head }],
      blobs: [],
      seen: { [bo.device]: { seq: 2, hash: boEntries[1]?.hash ?? '' } },
      seenRosterVersion: 0,
      strays: [`audits/${AUDIT}/notes.txt`],
    });
    expect(verdict.accepted.map((c) => c.member)).toEqual(['Ana Ruiz, IT Admin']);
    expect(verdict.refusals).toMatchObject([
      { kind: 'rewritten', member: 'Bo Chen, IT Admin', entry: 2, path: `audits/${AUDIT}/devices/${bo.device}`, reason: containing('the chain is gone') },
      { kind: 'layout', path: `audits/${AUDIT}/notes.txt` },
    ]);
    expect(verdict.seen[bo.device]?.seq).toBe(2);
  });

  it('refuses everything when the roster is missing or not the trusted owner\'s', async () => {
    const { owner, ana } = await team();
    const anaFiles = await files(ana, captures(ana, [SHA_A]));
    const input = { auditId: AUDIT, trustedOwner: owner.keys.fingerprint, chains: [{ device: ana.device, eventsText: anaFiles.events, headText: anaFiles.head }], blobs: [], seen: {}, seenRosterVersion: 0 };
    const missing = await verifyFetchedAudit({ ...input, rosterText: null });
    expect(missing).toMatchObject({ accepted: [], refusals: [{ kind: 'roster', path: rosterPath(AUDIT), reason: containing('missing') }] });
    const forged = await verifyFetchedAudit({ ...input, rosterText: await rosterText(ana, []) });
    expect(forged).toMatchObject({ accepted: [], refusals: [{ kind: 'roster', reason: containing('not by the owner this installation trusts') }] });
  });
});
