import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv';
import { guessControlMapping, planControlImport } from '../../../shared/csv/controlsCsv';
import { validateControlInput, type ControlInput } from '../../../shared/scope/controls';
import { describeLookAlike, findLookAlike, hiddenCharacterProblem, refLook, refWarnings } from '../../../shared/scope/refs';

const INPUT: ControlInput = { ref: 'AC-01', title: 'Access review', description: '', owner: '', frequency: 'quarterly', criteria: ['CC6.2'] };
const EXISTING = [{ id: 'c1', ref: 'AC-01' }];

/** The five spellings of issue #13 that all read "AC-01". */
const DISGUISED: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['zero-width space', 'AC\u200B-01', /U\+200B ZERO WIDTH SPACE/],
  ['bidi override', '\u202EAC-01', /U\+202E RIGHT-TO-LEFT OVERRIDE \(a bidi control\)/],
  ['left-to-right mark', 'AC-01\u200E', /U\+200E LEFT-TO-RIGHT MARK/],
  ['word joiner', 'AC\u2060-01', /U\+2060 WORD JOINER/],
];

const LOOK_ALIKES: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['Cyrillic A', '\u0410C-01', /"А" \(U\+0410, Cyrillic\) where "AC-01" has "A" \(U\+0041, Latin\)/],
  ['Cyrillic ES', 'A\u0421-01', /"С" \(U\+0421, Cyrillic\)/],
  ['non-breaking hyphen', 'AC\u201101', /"‑" \(U\+2011\) where "AC-01" has "-" \(U\+002D\)/],
  ['letter O for zero', 'AC-O1', /"O" \(U\+004F, Latin\) where "AC-01" has "0" \(U\+0030\)/],
  ['en dash', 'AC\u201301', /U\+2013/],
];

describe('refs with invisible characters', () => {
  it.each(DISGUISED)('refuses a %s, naming the character', (_, ref, name) => {
    const problem = hiddenCharacterProblem(ref);
    expect(problem).toMatch(name);
    expect(validateControlInput({ ...INPUT, ref }, [], null).ref).toMatch(name);
  });

  it('names every hidden character once, and passes a clean ref', () => {
    expect(hiddenCharacterProblem('A\u200BC\u200B-\u200D01')).toBe(
      'It contains these invisible characters: U+200B ZERO WIDTH SPACE, U+200D ZERO WIDTH JOINER. A ref must read as what it is: remove them and type the ref again.',
    );
    expect(hiddenCharacterProblem('AC-01 (legacy)')).toBeNull();
  });
});

describe('look-alike refs (UTS #39 skeletons)', () => {
  it.each(LOOK_ALIKES)('refuses a %s that reads as an existing ref, saying where they differ', (_, ref, difference) => {
    const error = validateControlInput({ ...INPUT, ref }, EXISTING, null).ref ?? '';
    expect(error).toContain('looks the same as "AC-01"');
    expect(error).toMatch(difference);
  });

  it('keeps the case-only duplicate message for refs that are the same, and lets different refs through', () => {
    expect(validateControlInput({ ...INPUT, ref: 'ac-01' }, EXISTING, null).ref).toBe('"AC-01" is already used by another control in this audit.');
    expect(validateControlInput({ ...INPUT, ref: 'AC-02' }, EXISTING, null)).toEqual({});
    expect(validateControlInput({ ...INPUT, ref: 'AC-011' }, EXISTING, null)).toEqual({});
  });

  it('lets a stored look-alike be edited without renaming it, but not renamed into one', () => {
    const stored = [...EXISTING, { id: 'c2', ref: '\u0410C-01' }];
    expect(validateControlInput({ ...INPUT, ref: '\u0410C-01' }, stored, 'c2')).toEqual({});
    expect(validateControlInput({ ...INPUT, ref: 'AC\u201101' }, stored, 'c2').ref).toContain('looks the same');
  });

  it('finds the look-alike but not the control itself or an exact duplicate', () => {
    expect(findLookAlike('AC-O1', EXISTING, null)?.id).toBe('c1');
    expect(findLookAlike('AC-O1', EXISTING, 'c1')).toBeUndefined();
    expect(findLookAlike('ac-01', EXISTING, null)).toBeUndefined();
    expect(refLook('ＡＣ－０１')).toBe(refLook('AC-01'));
  });

  it('describes a difference in length too', () => {
    expect(describeLookAlike('AC-rn1', 'AC-m1')).toBe('it has "R" (U+0052, Latin) "N" (U+004E, Latin) where "AC-m1" has "M" (U+004D, Latin)');
  });
});

describe('refWarnings flags what is already stored', () => {
  it('flags every member of a look-alike group and every ref with a hidden character, and nothing else', () => {
    const warnings = refWarnings([
      { id: 'a', ref: 'AC-01' },
      { id: 'b', ref: '\u0410C-01' },
      { id: 'c', ref: 'AC\u201101' },
      { id: 'd', ref: 'AC-02\u200B' },
      { id: 'e', ref: 'CH-01' },
    ]);
    expect([...warnings.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(warnings.get('a')).toBe('Looks the same as "АC-01", "AC‑01": rename one so that an auditor can tell them apart.');
    expect(warnings.get('d')).toContain('U+200B ZERO WIDTH SPACE');
  });
});

describe('CSV import of look-alike refs', () => {
  const HEADER = 'Ref,Title,Frequency,Criteria';
  const plan = (rows: string[], existing: string[] = []) => {
    const parsed = parseCsv([HEADER, ...rows].join('\n'));
    return planControlImport(parsed, guessControlMapping(parsed.headers), new Set(existing));
  };
  const errors = (row: { ok: boolean } & ({ errors: string[] } | object)): string[] => ('errors' in row ? row.errors : []);

  it('refuses the four spellings of issue #13 within one file, naming lines and characters', () => {
    const result = plan(['AC-01,Real,quarterly,CC6.1', '\u0410C-01,Cyrillic,quarterly,CC6.1', 'AC\u200B-01,Zero width,quarterly,CC6.1', 'AC\u201101,Hyphen,quarterly,CC6.1']);
    expect(result.ok).toBe(0);
    const [real, cyrillic, zeroWidth, hyphen] = result.rows.map(errors);
    expect(real?.join(' ')).toContain('looks the same as "АC-01" on lines 3 and 5');
    expect(cyrillic?.join(' ')).toMatch(/"АC-01" looks the same as "AC-01" on lines 2 and 5: it has "А" \(U\+0410, Cyrillic\)/);
    expect(zeroWidth?.join(' ')).toContain('Ref "AC⟨U+200B⟩-01": It contains invisible character: U+200B ZERO WIDTH SPACE');
    expect(hyphen?.join(' ')).toContain('"‑" (U+2011)');
  });

  it('refuses a row that looks like a control already in the audit', () => {
    const [row] = plan(['AC-O1,Letter O,quarterly,CC6.1'], ['AC-01']).rows;
    expect(errors(row ?? { ok: true })).toContain(
      'Ref "AC-O1" looks the same as "AC-01", already in this audit: it has "O" (U+004F, Latin) where "AC-01" has "0" (U+0030).',
    );
  });

  it('imports refs that merely share characters', () => {
    expect(plan(['AC-01,One,quarterly,CC6.1', 'AC-10,Ten,quarterly,CC6.1', 'AC-011,Eleven,quarterly,CC6.1']).ok).toBe(3);
  });
});
