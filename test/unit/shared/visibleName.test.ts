import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, visibleName } from '../../../shared/files/visibleName';

describe('visibleName', () => {
  it('shows a right-to-left override instead of letting it reverse the extension', () => {
    const name = 'invoice\u202Egnp.exe';
    expect(visibleName(name)).toBe('invoice⟨U+202E⟩gnp.exe');
    expect(hasHiddenCharacters(name)).toBe(true);
  });

  it('shows newlines, tabs, NUL and escape characters', () => {
    expect(visibleName('a\nb\tc\u0000d\u001be')).toBe('a⟨U+000A⟩b⟨U+0009⟩c⟨U+0000⟩d⟨U+001B⟩e');
  });

  it('shows zero-width and byte-order-mark characters', () => {
    expect(visibleName('pay\u200Broll\uFEFF.xlsx')).toBe('pay⟨U+200B⟩roll⟨U+FEFF⟩.xlsx');
  });

  it('leaves ordinary names in any script untouched', () => {
    for (const name of ['Zugriffsprüfung Q1.pdf', '访问审查.png', 'مراجعة.csv', 'résumé (final) [v2].docx', '<script>alert(1)</script>.png']) {
      expect(visibleName(name)).toBe(name);
      expect(hasHiddenCharacters(name)).toBe(false);
    }
  });

  it('gives the same answer when called repeatedly (no regex state leaks between calls)', () => {
    expect([hasHiddenCharacters('a\u202Eb'), hasHiddenCharacters('a\u202Eb'), hasHiddenCharacters('ab')]).toEqual([true, true, false]);
  });
});
