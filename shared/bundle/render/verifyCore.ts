/**
 * The checking half of data/VERIFY.html's script, as plain browser JavaScript. It is kept apart
 * from the page wiring (verifyUi.ts) so the unit tests can run exactly this text in Node, where
 * the same WebCrypto exists, against a bag on disk.
 *
 * It is a string, not compiled TypeScript, because it ships inside a standalone HTML file and
 * must not depend on how the app is bundled. Rules for editing it: no backticks and no dollar-
 * brace (it sits in String.raw), no "</script" and no "<!--" (it sits in a <script> element),
 * and nothing from the bag ever reaches innerHTML — results carry plain strings that the page
 * puts in textContent.
 *
 * Entry point: verifyBag(entries, onProgress) where entries are { path, size, read() } with
 * paths as the folder picker gives them ("picked-folder/data/x"), read() resolving to an
 * ArrayBuffer. Resolves to { verdict: 'pass' | 'fail', checks: [...], facts: {...} }.
 */
export const VERIFY_CORE_JS = String.raw`
'use strict';

// Names an operating system adds to any folder it shows (Finder, Explorer). A bag made by
// Evidence Locker never holds such names (its paths are numbered slugs), so they are listed
// as ignored rather than failing an otherwise intact bag.
var OS_FILES = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini|\._[^\/]*)$/i;
var SHA256_LINE = /^([0-9A-Fa-f]{64})[ \t]+\*?(.+)$/;
var ED25519 = { name: 'Ed25519' };
// DER prefix of an SPKI Ed25519 public key (RFC 8410 section 4): what publicKeyPem wraps.
var SPKI_ED25519_PREFIX = '302a300506032b6570032100';

function hex(buffer) {
  var bytes = new Uint8Array(buffer);
  var out = '';
  for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return out;
}

async function sha256Hex(data) {
  return hex(await crypto.subtle.digest('SHA-256', data));
}

function fingerprintOfHex(digestHex) {
  return digestHex.match(/.{4}/g).join(' ');
}

function base64ToBytes(text) {
  if (typeof text !== 'string') throw new Error('not a base64 string');
  var binary = atob(text.replace(/\s+/g, ''));
  var bytes = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function utf8Text(buffer) {
  return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
}

function utf8Bytes(text) {
  return new TextEncoder().encode(text);
}

// RFC 8785 (JCS) for values that came out of JSON.parse: object keys sorted by UTF-16 code
// units (what Array.prototype.sort does with no comparator), strings and numbers exactly as
// JSON.stringify writes them (ECMAScript number serialization, which JCS adopts), no spaces.
function canonicalJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!isFinite(value)) throw new Error('JCS has no form for ' + String(value));
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    var parts = [];
    for (var i = 0; i < value.length; i++) parts.push(value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return '[' + parts.join(',') + ']';
  }
  if (typeof value === 'object') {
    var keys = Object.keys(value).filter(function (k) { return value[k] !== undefined; }).sort();
    return '{' + keys.map(function (k) { return JSON.stringify(k) + ':' + canonicalJson(value[k]); }).join(',') + '}';
  }
  throw new Error('value has no JSON form');
}

// "Label: value" lines of bagit.txt and bag-info.txt; a line starting with white space
// continues the previous value (RFC 8493 section 2.2.2).
function parseTagFile(text) {
  var fields = [];
  text.split(/\r\n|\r|\n/).forEach(function (line) {
    if (line === '') return;
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1].value += ' ' + line.trim();
      return;
    }
    var colon = line.indexOf(':');
    if (colon > 0) fields.push({ label: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  });
  return fields;
}

function tagValue(fields, label) {
  for (var i = 0; i < fields.length; i++) if (fields[i].label.toLowerCase() === label.toLowerCase()) return fields[i].value;
  return null;
}

// "<hex>  <path>" lines (the form sha256sum writes and reads). Paths percent-encode CR, LF
// and % (RFC 8493 section 2.1.3).
function parseManifest(text, fileName) {
  var entries = [];
  var problems = [];
  text.split(/\r\n|\n/).forEach(function (line, i) {
    if (line.trim() === '') return;
    var match = SHA256_LINE.exec(line);
    if (!match) {
      problems.push(fileName + ' line ' + (i + 1) + ' is not "<sha256>  <path>": ' + JSON.stringify(line.slice(0, 120)));
      return;
    }
    var path = match[2].replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
    entries.push({ path: path, sha256: match[1].toLowerCase(), line: i + 1 });
  });
  return { entries: entries, problems: problems };
}

function isSafePath(path) {
  if (path === '' || path.charAt(0) === '/' || path.indexOf('\\') !== -1 || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every(function (s) { return s !== '' && s !== '.' && s !== '..'; });
}

// The picker gives paths starting with the chosen folder. The bag is the folder that holds
// bagit.txt: the chosen one, or the one bag folder inside it.
function locateBag(paths) {
  var roots = [];
  paths.forEach(function (p) {
    var parts = p.split('/');
    if (parts[parts.length - 1] === 'bagit.txt') roots.push({ root: parts.slice(0, -1).join('/'), depth: parts.length - 1 });
  });
  if (roots.length === 0) {
    return { error: 'No bagit.txt in the chosen folder or in a folder inside it. Choose the unzipped bundle folder: the one that holds bagit.txt, data and manifest-sha256.txt.' };
  }
  var minDepth = Math.min.apply(null, roots.map(function (r) { return r.depth; }));
  var shallowest = roots.filter(function (r) { return r.depth === minDepth; });
  if (minDepth > 2) return { error: 'bagit.txt is too deep inside the chosen folder (' + shallowest[0].root + '). Choose the bag folder itself.' };
  if (shallowest.length > 1) {
    return { error: 'The chosen folder holds ' + shallowest.length + ' bags (' + shallowest.map(function (r) { return r.root; }).join(', ') + '). Choose one of them.' };
  }
  var root = shallowest[0].root;
  return { root: root === '' ? '' : root + '/', name: root === '' ? '(chosen folder)' : root.split('/').pop() };
}

function plural(n, one, many) {
  return n + ' ' + (n === 1 ? one : many || one + 's');
}

function shortHash(h) {
  return typeof h === 'string' ? h.slice(0, 12) + '...' : String(h);
}

async function importEd25519(raw) {
  try {
    return await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
  } catch (e) {
    if (e && e.name === 'NotSupportedError') {
      throw new Error('This browser cannot check Ed25519 signatures. Use a current Chrome, Edge, Firefox or Safari (2025 or later), or the openssl commands below.');
    }
    throw e;
  }
}

async function verifyBag(entries, onProgress) {
  var checks = [];
  var facts = {};
  var progress = typeof onProgress === 'function' ? onProgress : function () {};
  function add(title, status, summary, problems) {
    checks.push({ title: title, status: status, summary: summary, problems: problems || [] });
  }
  function finish() {
    var failed = checks.filter(function (c) { return c.status === 'fail'; });
    var problemCount = failed.reduce(function (n, c) { return n + Math.max(1, c.problems.length); }, 0);
    return { verdict: failed.length === 0 ? 'pass' : 'fail', problemCount: problemCount, checks: checks, facts: facts };
  }
  async function guarded(title, run) {
    try {
      await run();
    } catch (e) {
      add(title, 'fail', 'Could not be checked: ' + (e && e.message ? e.message : String(e)));
    }
  }

  var located = locateBag(entries.map(function (e) { return e.path; }));
  if (located.error) {
    add('Bag folder', 'fail', located.error);
    return finish();
  }
  facts.bagName = located.name;
  var files = new Map();
  var ignored = [];
  var outside = 0;
  entries.forEach(function (e) {
    if (e.path.slice(0, located.root.length) !== located.root) { outside++; return; }
    var rel = e.path.slice(located.root.length);
    if (OS_FILES.test(rel)) ignored.push(rel);
    else files.set(rel, e);
  });
  add('Bag folder', 'pass', 'Found bagit.txt in "' + located.name + '" with ' + plural(files.size, 'file') + '.' +
    (outside > 0 ? ' ' + plural(outside, 'file') + ' beside the bag folder were not checked.' : ''));
  if (ignored.length > 0) {
    add('Operating-system files', 'note', 'Ignored ' + plural(ignored.length, 'file') + ' that operating systems add to folders by themselves; they are not part of the bag.', ignored);
  }

  async function bytesOf(rel) {
    var entry = files.get(rel);
    return entry ? await entry.read() : null;
  }
  async function textOf(rel) {
    var bytes = await bytesOf(rel);
    return bytes === null ? null : utf8Text(bytes);
  }

  await guarded('bagit.txt', async function () {
    var text = await textOf('bagit.txt');
    var fields = parseTagFile(text);
    var version = tagValue(fields, 'BagIt-Version');
    var encoding = tagValue(fields, 'Tag-File-Character-Encoding');
    var problems = [];
    if (version !== '1.0' && version !== '0.97') problems.push('BagIt-Version is ' + JSON.stringify(version) + ', expected 1.0');
    if (encoding === null || encoding.toUpperCase() !== 'UTF-8') problems.push('Tag-File-Character-Encoding is ' + JSON.stringify(encoding) + ', expected UTF-8');
    add('bagit.txt', problems.length ? 'fail' : 'pass', problems.length ? 'bagit.txt does not declare a BagIt 1.0 bag in UTF-8.' : 'BagIt ' + version + ', tag files in UTF-8.', problems);
  });

  // Read both manifests first, so every file is hashed once, one at a time.
  var payload = { entries: [], problems: [] };
  var tags = { entries: [], problems: [] };
  var payloadText = null;
  var tagText = null;
  await guarded('Payload manifest', async function () {
    payloadText = await textOf('manifest-sha256.txt');
    if (payloadText !== null) payload = parseManifest(payloadText, 'manifest-sha256.txt');
  });
  await guarded('Tag manifest', async function () {
    tagText = await textOf('tagmanifest-sha256.txt');
    if (tagText !== null) tags = parseManifest(tagText, 'tagmanifest-sha256.txt');
  });

  var hashes = new Map();
  var toHash = [];
  payload.entries.concat(tags.entries).forEach(function (e) {
    if (files.has(e.path) && toHash.indexOf(e.path) === -1) toHash.push(e.path);
  });
  for (var h = 0; h < toHash.length; h++) {
    progress(h + 1, toHash.length, toHash[h]);
    // WebCrypto's digest is one-shot: each file is read whole, then released before the next.
    hashes.set(toHash[h], await sha256Hex(await bytesOf(toHash[h])));
  }

  var listedPayload = new Map();
  if (payloadText === null) {
    add('Payload files', 'fail', 'manifest-sha256.txt is missing, so no payload file can be checked.', ['missing: manifest-sha256.txt']);
  } else {
    var problems = payload.problems.slice();
    var altered = 0;
    var missing = 0;
    payload.entries.forEach(function (e) {
      if (!isSafePath(e.path) || e.path.slice(0, 5) !== 'data/') {
        problems.push('manifest-sha256.txt line ' + e.line + ' lists a path outside data/: ' + JSON.stringify(e.path));
        return;
      }
      if (listedPayload.has(e.path)) problems.push('listed twice in manifest-sha256.txt: ' + e.path);
      listedPayload.set(e.path, e.sha256);
      if (!files.has(e.path)) {
        missing++;
        problems.push('missing: ' + e.path);
      } else if (hashes.get(e.path) !== e.sha256) {
        altered++;
        problems.push('altered: ' + e.path + ' (listed SHA-256 ' + shortHash(e.sha256) + ', file has ' + shortHash(hashes.get(e.path)) + ')');
      }
    });
    add('Payload files', problems.length ? 'fail' : 'pass',
      problems.length
        ? plural(missing, 'file') + ' missing, ' + plural(altered, 'file') + ' altered' + (problems.length > missing + altered ? ', and manifest problems' : '') + '.'
        : 'All ' + plural(listedPayload.size, 'file') + ' listed in manifest-sha256.txt are present and their SHA-256 hashes match.',
      problems);

    var extra = [];
    files.forEach(function (_entry, rel) {
      if (rel.slice(0, 5) === 'data/' && !listedPayload.has(rel)) extra.push('not listed in manifest-sha256.txt: ' + rel);
    });
    add('No unlisted files in data/', extra.length ? 'fail' : 'pass',
      extra.length ? plural(extra.length, 'file') + ' in data/ that the manifest does not list (added after export?).' : 'Every file in data/ is listed in the manifest.',
      extra);
  }

  await guarded('Payload-Oxum', async function () {
    var info = await textOf('bag-info.txt');
    var bytes = 0;
    var count = 0;
    files.forEach(function (entry, rel) {
      if (rel.slice(0, 5) === 'data/') { bytes += entry.size; count++; }
    });
    var actual = bytes + '.' + count;
    if (info === null) {
      add('Payload-Oxum', 'fail', 'bag-info.txt is missing.', ['missing: bag-info.txt']);
      return;
    }
    var fields = parseTagFile(info);
    var oxum = tagValue(fields, 'Payload-Oxum');
    facts.organization = tagValue(fields, 'Source-Organization');
    facts.baggingDate = tagValue(fields, 'Bagging-Date');
    if (oxum === null) add('Payload-Oxum', 'fail', 'bag-info.txt has no Payload-Oxum line.', ['bag-info.txt: no Payload-Oxum']);
    else if (oxum !== actual) {
      add('Payload-Oxum', 'fail', 'bag-info.txt says the payload is ' + oxum + ' (bytes.files); data/ holds ' + actual + '.',
        ['Payload-Oxum ' + oxum + ' does not match ' + bytes + ' bytes in ' + plural(count, 'file')]);
    } else add('Payload-Oxum', 'pass', 'data/ holds ' + bytes.toLocaleString('en-US') + ' bytes in ' + plural(count, 'file') + ', as bag-info.txt says (' + oxum + ').');
  });

  if (tagText === null) {
    add('Tag files', 'fail', 'tagmanifest-sha256.txt is missing, so bagit.txt, bag-info.txt and manifest-sha256.txt are not covered.', ['missing: tagmanifest-sha256.txt']);
  } else {
    var tagProblems = tags.problems.slice();
    var listedTags = new Map();
    tags.entries.forEach(function (e) {
      if (!isSafePath(e.path) || e.path.slice(0, 5) === 'data/') {
        tagProblems.push('tagmanifest-sha256.txt line ' + e.line + ' lists a path that is not a tag file: ' + JSON.stringify(e.path));
        return;
      }
      listedTags.set(e.path, e.sha256);
      if (!files.has(e.path)) tagProblems.push('missing: ' + e.path);
      else if (hashes.get(e.path) !== e.sha256) tagProblems.push('altered: ' + e.path + ' (listed SHA-256 ' + shortHash(e.sha256) + ', file has ' + shortHash(hashes.get(e.path)) + ')');
    });
    ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'].forEach(function (name) {
      if (!listedTags.has(name)) tagProblems.push('not covered by tagmanifest-sha256.txt: ' + name);
    });
    files.forEach(function (_entry, rel) {
      if (rel.slice(0, 5) === 'data/' || listedTags.has(rel)) return;
      if (rel === 'tagmanifest-sha256.txt' || rel === 'signature.json') return;
      tagProblems.push('not listed in any manifest: ' + rel);
    });
    add('Tag files', tagProblems.length ? 'fail' : 'pass',
      tagProblems.length ? 'The tag files do not match tagmanifest-sha256.txt.' : 'bagit.txt, bag-info.txt and manifest-sha256.txt match tagmanifest-sha256.txt.',
      tagProblems);
  }

  var manifest = null;
  await guarded('manifest.json', async function () {
    var text = await textOf('data/manifest.json');
    if (text === null) {
      add('manifest.json', 'fail', 'data/manifest.json is missing.', ['missing: data/manifest.json']);
      return;
    }
    manifest = JSON.parse(text);
    var audit = manifest && manifest.audit ? manifest.audit : {};
    facts.audit = typeof audit.name === 'string' ? audit.name : null;
    facts.organization = typeof audit.organization === 'string' ? audit.organization : facts.organization;
    facts.generatedAt = typeof manifest.generatedAt === 'string' ? manifest.generatedAt : null;
    var evidence = Array.isArray(manifest.evidence) ? manifest.evidence : [];
    var problems = [];
    var described = new Set();
    evidence.forEach(function (item, i) {
      var label = 'evidence ' + (item && typeof item.id === 'string' ? item.id : '#' + (i + 1));
      if (!item || typeof item.path !== 'string') { problems.push(label + ' has no path'); return; }
      described.add(item.path);
      if (!listedPayload.has(item.path)) problems.push(label + ': ' + item.path + ' is not listed in manifest-sha256.txt');
      else if (listedPayload.get(item.path) !== item.sha256) problems.push(label + ': manifest.json gives SHA-256 ' + shortHash(item.sha256) + ' for ' + item.path + ', manifest-sha256.txt ' + shortHash(listedPayload.get(item.path)));
      var file = files.get(item.path);
      if (file && file.size !== item.size) problems.push(label + ': manifest.json gives ' + item.size + ' bytes for ' + item.path + ', the file has ' + file.size);
      // The raw capture kept beside a stamped screenshot is described by its item, not on its own.
      var original = item.original;
      if (original && typeof original.path === 'string') {
        described.add(original.path);
        if (!listedPayload.has(original.path)) problems.push(label + ': its raw capture ' + original.path + ' is not listed in manifest-sha256.txt');
        else if (listedPayload.get(original.path) !== original.sha256) problems.push(label + ': manifest.json gives SHA-256 ' + shortHash(original.sha256) + ' for ' + original.path + ', manifest-sha256.txt ' + shortHash(listedPayload.get(original.path)));
        var raw = files.get(original.path);
        if (raw && raw.size !== original.size) problems.push(label + ': manifest.json gives ' + original.size + ' bytes for ' + original.path + ', the file has ' + raw.size);
      }
    });
    listedPayload.forEach(function (_sha, path) {
      if (path.slice(0, 14) === 'data/evidence/' && !described.has(path)) problems.push('not described in manifest.json: ' + path);
    });
    facts.evidenceCount = evidence.length;
    add('manifest.json matches the files', problems.length ? 'fail' : 'pass',
      problems.length ? 'manifest.json and the bag disagree.' : plural(evidence.length, 'evidence item') + ' described, each with the path, size and SHA-256 of a listed file.',
      problems);
  });

  var keyNames = new Map();
  if (manifest && Array.isArray(manifest.keys)) {
    manifest.keys.forEach(function (k) {
      if (k && typeof k.fingerprint === 'string') keyNames.set(k.fingerprint, [k.name, k.role].filter(Boolean).join(', '));
    });
  }

  await guarded('Bag signature', async function () {
    var text = await textOf('signature.json');
    if (text === null) {
      add('Bag signature', 'fail', 'signature.json is missing: nothing proves who made this bag or that the manifests are the ones exported.', ['missing: signature.json']);
      return;
    }
    var sig = JSON.parse(text);
    var problems = [];
    if (sig.algorithm !== 'Ed25519') problems.push('signature.json: algorithm is ' + JSON.stringify(sig.algorithm) + ', expected "Ed25519"');
    if (sig.signedFile !== 'tagmanifest-sha256.txt') problems.push('signature.json: signedFile is ' + JSON.stringify(sig.signedFile) + ', expected "tagmanifest-sha256.txt"');
    var raw = base64ToBytes(sig.publicKey);
    if (raw.length !== 32) throw new Error('signature.json: publicKey is not a 32-byte Ed25519 key');
    var fp = fingerprintOfHex(await sha256Hex(raw));
    facts.signingKey = fp;
    facts.signer = keyNames.get(fp) || null;
    if (sig.keyFingerprint !== fp) problems.push('signature.json: keyFingerprint ' + JSON.stringify(sig.keyFingerprint) + ' is not the fingerprint of its publicKey (' + fp + ')');
    if (typeof sig.publicKeyPem === 'string') {
      var der = hex(base64ToBytes(sig.publicKeyPem.replace(/-----[^-]+-----/g, '')));
      if (der !== SPKI_ED25519_PREFIX + hex(raw)) problems.push('signature.json: publicKeyPem is a different key than publicKey');
    }
    var signature = base64ToBytes(sig.signature);
    var signed = await bytesOf('tagmanifest-sha256.txt');
    if (signed === null) problems.push('the signed file tagmanifest-sha256.txt is missing');
    else if (signature.length !== 64 || !(await crypto.subtle.verify(ED25519, await importEd25519(raw), signature, signed))) {
      problems.push('signature.json: the signature does not verify over tagmanifest-sha256.txt');
    }
    add('Bag signature', problems.length ? 'fail' : 'pass',
      problems.length ? 'The bag signature is not valid.' : 'Ed25519 signature over tagmanifest-sha256.txt verifies with key ' + fp + (facts.signer ? ' (' + facts.signer + ')' : '') + '. Compare this fingerprint with the one the exporter gives you.',
      problems);
  });

  await guarded('Sign-offs', async function () {
    if (manifest === null) return;
    var signoffs = Array.isArray(manifest.signoffs) ? manifest.signoffs : [];
    var evidenceById = new Map();
    (Array.isArray(manifest.evidence) ? manifest.evidence : []).forEach(function (e) { if (e && typeof e.id === 'string') evidenceById.set(e.id, e); });
    var problems = [];
    var decisions = { approved: 0, rejected: 0 };
    for (var i = 0; i < signoffs.length; i++) {
      var s = signoffs[i] || {};
      var p = s.payload || {};
      var item = evidenceById.get(s.evidenceId);
      var label = 'sign-off ' + (typeof s.id === 'string' ? s.id : '#' + (i + 1)) + (item ? ' (' + item.path + ')' : '');
      var before = problems.length;
      if (p.evidenceId !== s.evidenceId) problems.push(label + ': its payload names evidence ' + JSON.stringify(p.evidenceId) + ', the record ' + JSON.stringify(s.evidenceId));
      if (!item) problems.push(label + ': the evidence it signs (' + JSON.stringify(s.evidenceId) + ') is not in this bundle');
      else if (p.evidenceSha256 !== listedPayload.get(item.path)) {
        problems.push(label + ': it approved SHA-256 ' + shortHash(p.evidenceSha256) + ' but the file is listed with ' + shortHash(listedPayload.get(item.path)));
      }
      try {
        var raw = base64ToBytes(s.publicKey);
        if (raw.length !== 32) throw new Error('not 32 bytes');
        if (fingerprintOfHex(await sha256Hex(raw)) !== p.keyFingerprint) problems.push(label + ': its public key does not match the fingerprint it names');
        var signature = base64ToBytes(s.signature);
        var ok = signature.length === 64 && (await crypto.subtle.verify(ED25519, await importEd25519(raw), signature, utf8Bytes(canonicalJson(p))));
        if (!ok) problems.push(label + ': the signature does not verify (the sign-off was changed after signing, or signed by another key)');
      } catch (e) {
        if (e && /Ed25519/.test(e.message)) throw e;
        problems.push(label + ': its key or signature is unreadable');
      }
      if (problems.length === before && (p.decision === 'approved' || p.decision === 'rejected')) decisions[p.decision]++;
    }
    add('Sign-offs', problems.length ? 'fail' : 'pass',
      problems.length ? 'Some sign-offs do not verify.' :
        signoffs.length === 0 ? 'The bundle holds no sign-offs.' :
        (signoffs.length === 1 ? 'The sign-off verifies' : 'All ' + signoffs.length + ' sign-offs verify') +
          ' (' + decisions.approved + ' approved, ' + decisions.rejected + ' rejected), each naming the SHA-256 its file has in this bag.',
      problems);
  });

  await guarded('Audit trail', async function () {
    var text = await textOf('data/audit-log.jsonl');
    if (text === null) {
      add('Audit trail', 'fail', 'data/audit-log.jsonl is missing.', ['missing: data/audit-log.jsonl']);
      return;
    }
    var lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    var problems = [];
    var previous = null;
    var auditId = manifest && manifest.audit ? manifest.audit.id : undefined;
    for (var i = 0; i < lines.length; i++) {
      var entry;
      try {
        entry = JSON.parse(lines[i]);
      } catch (e) {
        problems.push('line ' + (i + 1) + ' is not JSON');
        previous = null;
        continue;
      }
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push('line ' + (i + 1) + ' is not a log entry');
        continue;
      }
      var name = 'entry ' + entry.seq + ' (line ' + (i + 1) + ')';
      var expectedSeq = previous ? previous.seq + 1 : 1;
      if (entry.seq !== expectedSeq) problems.push(name + ': expected entry ' + expectedSeq + ' here (an entry is missing or out of order)');
      var expectedPrev = previous ? previous.hash : '0000000000000000000000000000000000000000000000000000000000000000';
      if (entry.prevHash !== expectedPrev) problems.push(name + ': prevHash does not match the hash of the entry before it');
      var rest = {};
      Object.keys(entry).forEach(function (k) { if (k !== 'hash') rest[k] = entry[k]; });
      if ((await sha256Hex(utf8Bytes(canonicalJson(rest)))) !== entry.hash) problems.push(name + ': hash does not match its content (edited after it was written)');
      if (auditId !== undefined && entry.auditId !== auditId) problems.push(name + ': belongs to another audit (' + JSON.stringify(entry.auditId) + ')');
      previous = entry;
    }
    if (lines.length === 0) problems.push('the trail is empty');
    facts.logEntries = lines.length;
    add('Audit trail', problems.length ? 'fail' : 'pass',
      problems.length ? 'The hash chain of the audit trail is broken.' : plural(lines.length, 'entry', 'entries') + ' form an unbroken hash chain from the first.',
      problems);
  });

  return finish();
}
`;
