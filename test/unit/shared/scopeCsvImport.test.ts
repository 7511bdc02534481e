import { describe, expect, it } from 'vitest';
import { guessControlMapping } from '../../../shared/csv/controlsCsv';
import { mappingConflicts, needsMappingReview } from '../../../shared/scope/csvImport';

describe('needsMappingReview', () => {
  it('skips the review for a file with the exported headers, in any case and order', () => {
    const headers = ['criteria', 'REF', 'Title', 'Description', 'Owner', 'Frequency', 'Status'];
    expect(needsMappingReview(headers, guessControlMapping(headers))).toBe(false);
  });

  it('asks for a review when a column was matched through a synonym', () => {
    const headers = ['Control ID', 'Title', 'Description', 'Owner', 'Frequency', 'Criteria'];
    expect(needsMappingReview(headers, guessControlMapping(headers))).toBe(true);
  });

  it('asks for a review when a field has no column, even an optional one', () => {
    const headers = ['Ref', 'Title', 'Frequency', 'Criteria'];
    expect(needsMappingReview(headers, guessControlMapping(headers))).toBe(true);
  });
});

describe('mappingConflicts', () => {
  it('names every field that shares its column with another', () => {
    expect(mappingConflicts({ ref: 0, title: 0, description: null, owner: null, frequency: 2, criteria: 3 })).toEqual(['ref', 'title']);
  });

  it('finds none when each column feeds one field', () => {
    expect(mappingConflicts({ ref: 0, title: 1, description: null, owner: null, frequency: 2, criteria: 3 })).toEqual([]);
  });
});
