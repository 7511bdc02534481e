import { describe, expect, it } from 'vitest';
import { stampLines, wrapLine, type StampFacts } from '../../../shared/capture/stamp';
import { processingText } from '../../../shared/domain/labels';

const FACTS: StampFacts = {
  capturedAt: '2026-03-08T06:59:59.000Z',
  timeZone: 'America/New_York',
  host: 'it-laptop-07',
  user: 'alice',
  appVersion: '0.4.0',
  rawSha256: 'ab'.repeat(32),
  displayName: 'HDMI-1 (1920 × 1080)',
  controls: [
    { ref: 'AC-03', title: 'Quarterly access review', criteria: ['CC6.1', 'CC6.2'] },
    { ref: 'AC-04', title: 'Terminations', criteria: ['CC6.2', 'CC6.3'] },
  ],
};

describe('the evidence stamp text', () => {
  it('says when in UTC and local time with zone, where, who, for which controls and criteria, and the raw hash', () => {
    const text = stampLines(FACTS).join('\n');
    expect(text).toContain('2026-03-08 06:59:59 UTC');
    // One second before the DST change in New York: still EST, UTC−5.
    expect(text).toContain('2026-03-08 01:59:59 America/New_York (GMT-5)');
    expect(text).toContain('Host it-laptop-07 · user alice · display HDMI-1 (1920 × 1080)');
    expect(text).toContain('Control AC-03 Quarterly access review; AC-04 Terminations');
    expect(text).toContain('Criteria CC6.1, CC6.2, CC6.3');
    expect(text).toContain(`Raw capture SHA-256 ${'ab'.repeat(32)}`);
    expect(text).toContain('Evidence Locker 0.4.0');
  });

  it('says "pasted" and names the source for an image from the clipboard, whose capture time is unknown', () => {
    const [when, where] = stampLines({ ...FACTS, origin: 'pasted', displayName: 'pasted image (40 × 30)' });
    expect(when).toMatch(/^Pasted 2026-03-08 06:59:59 UTC · /);
    expect(where).toBe('Host it-laptop-07 · user alice · source pasted image (40 × 30)');
  });

  it('shows hidden characters in names instead of letting them reorder the stamp', () => {
    const lines = stampLines({ ...FACTS, controls: [{ ref: 'AC-\u202e01', title: 'x', criteria: [] }] });
    expect(lines.join('\n')).toContain('AC-⟨U+202E⟩01');
    expect(lines.join('\n')).not.toContain('\u202e');
  });

  it('wraps at spaces, and inside a word only when the word alone is too wide', () => {
    const measure = (s: string): number => s.length;
    expect(wrapLine('aaa bbb ccc', 7, measure)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapLine(`SHA-256 ${'f'.repeat(20)}`, 8, measure)).toEqual(['SHA-256', 'ffffffff', 'ffffffff', 'ffff']);
    expect(wrapLine('', 8, measure)).toEqual(['']);
    for (const piece of wrapLine(stampLines(FACTS).join(' '), 30, measure)) expect(piece.length).toBeLessThanOrEqual(30);
  });
});

describe('processing in words', () => {
  it('spells out crops and redactions and keeps unknown steps as they are', () => {
    expect(processingText(['cropped:0,40,800,600', 'redacted:2', 'stamped'])).toBe('cropped to 800 × 600 at (0, 40), 2 regions redacted, stamped');
    expect(processingText(['redacted:1'])).toBe('1 region redacted');
    expect(processingText(['cropped:x', 'resized'])).toBe('cropped:x, resized');
  });
});
