import { describe, expect, it } from 'vitest';
import { auditRoute, hrefFor, parseRoute } from '../../../renderer/features/app/useHashRoute';

describe('routes to one evidence item on its control’s page', () => {
  it('round-trip through the hash', () => {
    const route = auditRoute('a-1', 'fieldwork', { controlId: 'c-1', itemId: 'e-1' });
    expect(hrefFor(route)).toBe('#/audits/a-1/fieldwork/controls/c-1/e-1');
    expect(parseRoute('#/audits/a-1/fieldwork/controls/c-1/e-1')).toEqual(route);
  });

  it('leave the control page without an item as it was', () => {
    expect(parseRoute('#/audits/a-1/fieldwork/controls/c-1')).toMatchObject({ controlId: 'c-1', itemId: null });
    expect(hrefFor(auditRoute('a-1', 'fieldwork', { controlId: 'c-1' }))).toBe('#/audits/a-1/fieldwork/controls/c-1');
  });

  it('never take an item without a control, nor the evidence list’s slot for an item', () => {
    expect(hrefFor(auditRoute('a-1', 'fieldwork', { itemId: 'e-1' }))).toBe('#/audits/a-1/fieldwork/controls');
    expect(parseRoute('#/audits/a-1/fieldwork/controls/all/e-1')).toMatchObject({ controlId: null, itemId: null });
    expect(parseRoute('#/audits/a-1/fieldwork/evidence/c-1/q1')).toMatchObject({ view: 'evidence', controlId: 'c-1', slotId: 'q1', itemId: null });
    expect(hrefFor(auditRoute('a-1', 'fieldwork', { view: 'evidence', controlId: 'c-1', slotId: 'q1', itemId: 'e-1' }))).toBe('#/audits/a-1/fieldwork/evidence/c-1/q1');
  });
});
