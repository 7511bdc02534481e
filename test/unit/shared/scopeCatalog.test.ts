import { describe, expect, it } from 'vitest';
import { TSC_CRITERIA } from '../../../shared/catalog/tsc';
import { searchCatalog } from '../../../shared/scope/catalogSearch';

function ids(query: string): string[] {
  return searchCatalog(query).flatMap((s) => s.groups.flatMap((g) => g.criteria.map((c) => c.id)));
}

describe('searchCatalog', () => {
  it('lists the whole catalog, by series then group, for an empty query', () => {
    const sections = searchCatalog('  ');
    expect(sections.map((s) => s.series)).toEqual(['CC', 'A', 'C', 'PI', 'P']);
    expect(sections[0]?.groups.map((g) => g.group.id)).toEqual(['CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9']);
    expect(ids('')).toEqual(TSC_CRITERIA.map((c) => c.id));
  });

  it('finds criteria by id prefix without mixing C1 and CC1', () => {
    expect(ids('c1')).toEqual(['C1.1', 'C1.2']);
    expect(ids('CC6.1')).toEqual(['CC6.1']);
    expect(ids('a1')).toEqual(['A1.1', 'A1.2', 'A1.3']);
  });

  it('finds criteria by words of their own or their group title', () => {
    expect(ids('recovery plan')).toEqual(['A1.3']);
    expect(ids('physical')).toEqual(expect.arrayContaining(['CC6.4', 'CC6.5']));
  });

  it('finds nothing for words no criterion holds', () => {
    expect(searchCatalog('blockchain')).toEqual([]);
  });
});
