import { execFileSync } from 'node:child_process';

/** The X display the capture tests use: the one `npm test` starts with xvfb-run. */
export function requireDisplay(): string {
  const display = process.env['DISPLAY'];
  if (!display) throw new Error('These tests capture a real X display: run them with `npm test` (which starts Xvfb) or set DISPLAY.');
  return display;
}

/** Screen size as the X server reports it, independently of screenshot-desktop. */
export function screenSize(): { width: number; height: number } {
  const out = execFileSync('xrandr', ['--current'], { encoding: 'utf8' });
  const match = /current (\d+) x (\d+)/.exec(out);
  if (!match) throw new Error(`cannot read the screen size from xrandr: ${out.slice(0, 200)}`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

/**
 * Paints the root window one colour, so a capture has known pixels to check. The X server must
 * run with -noreset (scripts/with-display.sh does): otherwise it resets to black as soon as
 * xsetroot, its last client, disconnects.
 */
export function paintRoot(hex: string): void {
  execFileSync('xsetroot', ['-solid', hex]);
}
