import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv';
import { guessRequestMapping, planRequestImport } from '../../../shared/csv/requestsCsv';
import { controlIdsForRefs, mappingNeedsReview, previewImport } from '../../../shared/requests/importPreview';
import { compareRequests, matchesSearch } from '../../../shared/requests/list';

const KNOWN = new Set(['AC-01', 'AC-02', 'OP-03']);

function previewOf(text: string, existing: string[] = []): ReturnType<typeof previewImport> {
  const parsed = parseCsv(text);
  return previewImport(planRequestImport(parsed, guessRequestMapping(parsed.headers), KNOWN), existing);
}

describe('previewImport', () => {
  it('marks rows whose id the audit already holds as existing, without regard to case, and leaves them out of the import', () => {
    const preview = previewOf('Request ID,Description,Control refs,Due date\nPBC-1,Users,AC-01,\npbc-2,Tickets,,\n', ['PBC-2']);
    expect(preview.rows.map((r) => r.kind)).toEqual(['new', 'existing']);
    expect(preview.toImport.map((r) => r.requestId)).toEqual(['PBC-1']);
    expect(preview).toMatchObject({ existing: 1, errors: 0 });
  });

  it('keeps error rows with their line and messages, and never imports them; an unknown ref is a warning only', () => {
    const preview = previewOf('Request ID,Description,Control refs,Due date\nPBC-1,Users,ZZ-9,\nPBC-2,Tickets,AC-02,2026-02-30\n');
    expect(preview.toImport.map((r) => r.requestId)).toEqual(['PBC-1']);
    expect(preview.errors).toBe(1);
    const [first, second] = preview.rows;
    expect(first).toMatchObject({ kind: 'new', line: 2, request: { controlRefs: [] } });
    expect(first?.warnings.join(' ')).toMatch(/"ZZ-9" matches no control in this audit: the request is imported unlinked/);
    expect(second?.kind === 'error' && second.errors.join(' ')).toMatch(/not a real calendar date/);
  });
});

describe('mappingNeedsReview', () => {
  it('is false when every field is found under its own name', () => {
    const headers = ['request id', 'DESCRIPTION', 'Control Refs', 'Due_Date'];
    expect(mappingNeedsReview(headers, guessRequestMapping(headers))).toBe(false);
  });

  it('is true when the file uses other words for the fields', () => {
    const headers = ['PBC #', 'Request', 'Related controls', 'Date due'];
    const mapping = guessRequestMapping(headers);
    expect(mapping).toEqual({ requestId: 0, description: 1, controlRefs: 2, dueDate: 3 });
    expect(mappingNeedsReview(headers, mapping)).toBe(true);
  });

  it('is true when a field has no column', () => {
    const headers = ['Request ID', 'Description', 'Control refs'];
    expect(mappingNeedsReview(headers, guessRequestMapping(headers))).toBe(true);
  });
});

describe('controlIdsForRefs', () => {
  it('resolves refs to control ids without regard to case, once each, dropping refs it does not know', () => {
    const controls = [
      { id: 'c1', ref: 'AC-01' },
      { id: 'c2', ref: 'AC-02' },
    ];
    expect(controlIdsForRefs(['AC-02', 'ac-01', 'AC-01', 'ZZ-9'], controls)).toEqual(['c2', 'c1']);
  });
});

describe('compareRequests', () => {
  it('sorts by due date, undated last, then by id with numbers compared as numbers', () => {
    const rows = [
      { requestId: 'PBC-10', dueDate: '2026-03-01' },
      { requestId: 'PBC-1', dueDate: null },
      { requestId: 'PBC-2', dueDate: '2026-03-01' },
      { requestId: 'PBC-3', dueDate: '2026-02-01' },
    ];
    expect([...rows].sort(compareRequests).map((r) => r.requestId)).toEqual(['PBC-3', 'PBC-2', 'PBC-10', 'PBC-1']);
  });
});

describe('matchesSearch', () => {
  const request = { requestId: 'PBC-7', description: 'Quarterly user access review for Okta' };

  it('matches every word against the id, the description and the linked refs, ignoring case', () => {
    expect(matchesSearch(request, ['AC-01'], 'okta ac-01')).toBe(true);
    expect(matchesSearch(request, ['AC-01'], 'pbc-7')).toBe(true);
    expect(matchesSearch(request, ['AC-01'], 'okta AC-02')).toBe(false);
  });

  it('matches everything when the search is blank', () => {
    expect(matchesSearch(request, [], '   ')).toBe(true);
  });
});
