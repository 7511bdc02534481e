import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/**
 * Paints the root window with a four-corner colour blend, so nearly every pixel differs from its
 * neighbours: a crop or a redaction off by one pixel shows in a comparison. ImageMagick draws it
 * and `display -window root` puts it on the screen. Returns the PNG painted, to compare a
 * capture with.
 */
export function paintRootPattern(): Buffer {
  const { width, height } = screenSize();
  // Per process: two e2e workers paint their own displays at the same time.
  const file = join(tmpdir(), `evidence-locker-root-${width}x${height}-${process.pid}.png`);
  execFileSync('convert', [
    '-size',
    `${width}x${height}`,
    'xc:',
    '-sparse-color',
    'Bilinear',
    `0,0 #ff8000 ${width - 1},0 #0040ff 0,${height - 1} #20c040 ${width - 1},${height - 1} #ffffff`,
    '-depth',
    '8',
    file,
  ]);
  // `display -window root` exits 1 after setting the background even when it worked, so its
  // status says nothing; the tests check the captured pixels instead.
  spawnSync('display', ['-window', 'root', file], { stdio: 'ignore' });
  // Read back, then removed: with one file per worker process they would pile up in /tmp.
  const painted = readFileSync(file);
  rmSync(file, { force: true });
  return painted;
}

/**
 * A private X server for one e2e worker, the size and settings scripts/with-display.sh uses:
 * workers run side by side, and each paints and captures its own root window. Xvfb picks a
 * free display number and writes it to the pipe given by -displayfd.
 */
export async function startOwnDisplay(): Promise<{ display: string; stop: () => void }> {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-noreset', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start within 20 s: ${err.slice(-300)}`)), 20_000);
    server.stdio[2]?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    server.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.trim());
      }
    });
    server.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb could not run (apt-get install xvfb): ${e.message}`));
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${String(code)}: ${err.slice(-300)}`));
    });
  });
  return { display: `:${number}`, stop: () => void server.kill('SIGTERM') };
}
