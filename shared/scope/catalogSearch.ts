/**
 * The Trust Services Criteria catalog as the criteria picker lists it: by series, then group,
 * filtered by a search over ids and titles.
 */
import { TSC_CRITERIA, TSC_GROUPS, type TscGroup } from '../catalog/tsc';
import { TSC_SERIES, type Criterion, type TscSeries } from '../domain/types';

const ID_PREFIX = /^(cc|pi|a|c|p)\d/;

export interface CatalogGroup {
  readonly group: TscGroup;
  readonly criteria: readonly Criterion[];
}

export interface CatalogSection {
  readonly series: TscSeries;
  readonly groups: readonly CatalogGroup[];
}

/**
 * Sections with the criteria that match every word of the query, in catalog order; empty
 * sections and groups are left out. Case is ignored. A word shaped like an id ('cc6', 'c1.2')
 * matches ids that start with it, so 'c1' finds C1.1 and C1.2 but not CC1.1; any other word
 * matches text in the criterion's or its group's title ('access' finds CC6.x). An empty query
 * lists everything.
 */
export function searchCatalog(query: string): CatalogSection[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const matches = (c: Criterion, g: TscGroup): boolean => {
    const id = c.id.toLowerCase();
    const text = `${c.title} ${g.title}`.toLowerCase();
    return words.every((w) => (ID_PREFIX.test(w) ? id.startsWith(w) : text.includes(w)));
  };
  const sections: CatalogSection[] = [];
  for (const series of TSC_SERIES) {
    const groups: CatalogGroup[] = [];
    for (const group of TSC_GROUPS.filter((g) => g.series === series)) {
      const criteria = TSC_CRITERIA.filter((c) => c.group === group.id && matches(c, group));
      if (criteria.length > 0) groups.push({ group, criteria });
    }
    if (groups.length > 0) sections.push({ series, groups });
  }
  return sections;
}
