/**
 * The page half of data/VERIFY.html's script: wires the folder picker to verifyBag (see
 * verifyCore.ts for the editing rules, which apply here too) and shows the report. Everything
 * from the bag goes through textContent; this code never writes innerHTML.
 */
export const VERIFY_UI_JS = String.raw`
(function () {
  var input = document.getElementById('folder');
  var statusLine = document.getElementById('status');
  var result = document.getElementById('result');
  var STATUS_WORDS = { pass: 'PASS', fail: 'FAIL', note: 'NOTE' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function factRow(list, label, value, mono) {
    if (value === undefined || value === null || value === '') return;
    var row = el('div');
    row.appendChild(el('dt', '', label));
    row.appendChild(el('dd', mono ? 'mono' : '', value));
    list.appendChild(row);
  }

  function showReport(report, fileCount) {
    result.replaceChildren();
    var pass = report.verdict === 'pass';
    var verdict = el('div', 'verdict ' + (pass ? 'verdict-pass' : 'verdict-fail'));
    verdict.setAttribute('role', 'status');
    verdict.appendChild(el('strong', 'verdict-word', pass ? 'PASS' : 'FAIL'));
    verdict.appendChild(el('span', 'verdict-text', pass
      ? 'The bag is intact: every file, hash and signature, and the audit trail, checked out.'
      : plural(report.problemCount, 'problem') + ' found: this bag is not exactly as it was exported. Each one is named below.'));
    result.appendChild(verdict);

    var f = report.facts || {};
    var facts = el('dl', 'facts');
    factRow(facts, 'Bag folder', f.bagName);
    factRow(facts, 'Audit', f.audit);
    factRow(facts, 'Organization', f.organization);
    factRow(facts, 'Exported', f.generatedAt);
    factRow(facts, 'Bag signed by key', f.signingKey ? f.signingKey + (f.signer ? '  (' + f.signer + ')' : '') : null, true);
    factRow(facts, 'Files checked', fileCount);
    factRow(facts, 'Checked at', new Date().toISOString());
    factRow(facts, 'Browser', navigator.userAgent);
    result.appendChild(facts);

    result.appendChild(el('h2', '', 'Checks'));
    var list = el('ol', 'checks');
    report.checks.forEach(function (check) {
      var item = el('li', 'check check-' + check.status);
      var head = el('div', 'check-head');
      head.appendChild(el('span', 'check-status', STATUS_WORDS[check.status] || check.status));
      head.appendChild(el('h3', '', check.title));
      item.appendChild(head);
      item.appendChild(el('p', 'check-summary', check.summary));
      if (check.problems.length > 0) {
        var problems = el('ul', 'problems');
        check.problems.forEach(function (p) { problems.appendChild(el('li', '', p)); });
        item.appendChild(problems);
      }
      list.appendChild(item);
    });
    result.appendChild(list);
    result.hidden = false;
  }

  function fail(message) {
    showReport({ verdict: 'fail', problemCount: 1, facts: {}, checks: [{ title: 'Verifier', status: 'fail', summary: message, problems: [] }] }, 0);
  }

  if (!window.crypto || !window.crypto.subtle) {
    input.disabled = true;
    fail('This browser offers no WebCrypto to this page, so nothing can be checked. Open the file in a current Chrome, Edge, Firefox or Safari, or use the commands below.');
    return;
  }

  input.addEventListener('change', function () {
    var files = Array.prototype.slice.call(input.files || []);
    // Cleared so that choosing the same folder again, after fixing it, runs the check again.
    input.value = '';
    if (files.length === 0) return;
    result.hidden = true;
    result.replaceChildren();
    input.disabled = true;
    statusLine.textContent = 'Reading ' + plural(files.length, 'file') + '...';
    var entries = files.map(function (file) {
      return { path: file.webkitRelativePath || file.name, size: file.size, read: function () { return file.arrayBuffer(); } };
    });
    verifyBag(entries, function (done, total, path) {
      statusLine.textContent = 'Hashing file ' + done + ' of ' + total + ': ' + path;
    }).then(function (report) {
      statusLine.textContent = 'Done: ' + plural(files.length, 'file') + ' read.';
      showReport(report, files.length);
    }, function (e) {
      statusLine.textContent = '';
      fail('The check stopped: ' + (e && e.message ? e.message : String(e)));
    }).then(function () {
      input.disabled = false;
    });
  });
})();
`;
