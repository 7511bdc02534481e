import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScreenCapturer, explainCaptureError, missingCaptureTools } from '../../../electron/main/capture';

/**
 * On Linux, capture runs xrandr and ImageMagick's import. Without them the app says which is
 * missing and what to install, at the moment the user captures (the .deb depends on both; an
 * AppImage does not bring them).
 */
describe('missing capture tools', () => {
  let bin: string;
  const path = process.env['PATH'];
  const display = process.env['DISPLAY'];

  beforeEach(async () => {
    bin = await mkdtemp(join(tmpdir(), 'capture-tools-'));
  });
  afterEach(async () => {
    process.env['PATH'] = path;
    if (display === undefined) delete process.env['DISPLAY'];
    else process.env['DISPLAY'] = display;
    await rm(bin, { recursive: true, force: true });
  });

  const tool = async (name: string): Promise<void> => {
    await writeFile(join(bin, name), '#!/bin/sh\nexit 1\n');
    await chmod(join(bin, name), 0o755);
  };

  it('names exactly the tools that are not on PATH', async () => {
    expect(missingCaptureTools({ PATH: bin }).map((t) => t.debianPackage)).toEqual(['x11-xserver-utils', 'imagemagick']);
    await tool('xrandr');
    expect(missingCaptureTools({ PATH: bin }).map((t) => t.command)).toEqual(['import']);
    await tool('import');
    expect(missingCaptureTools({ PATH: `/nonexistent:${bin}` })).toEqual([]);
  });

  it('does not count a file that cannot be run', async () => {
    await writeFile(join(bin, 'xrandr'), 'not a program');
    expect(missingCaptureTools({ PATH: bin }).map((t) => t.command)).toEqual(['xrandr', 'import']);
  });

  it.runIf(process.platform === 'linux')('says what to install when the real capture finds neither tool', async () => {
    process.env['PATH'] = bin;
    // A desktop session has a display; the tools are what is missing (xrandr never starts).
    process.env['DISPLAY'] = display ?? ':0';
    const error = await createScreenCapturer()
      .listDisplays()
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'capture-unavailable' });
    expect(String((error as Error).message)).toContain('sudo apt-get install x11-xserver-utils imagemagick');
    expect(String((error as Error).message)).toContain('xrandr (lists the screens) and ImageMagick');
  });

  it.runIf(process.platform === 'linux')('names only ImageMagick when xrandr is there', async () => {
    await tool('xrandr');
    const failure = explainCaptureError(Object.assign(new Error('spawn import ENOENT'), { code: 'ENOENT' }), { PATH: bin, DISPLAY: ':1' });
    expect(failure.message).toMatch(/^Screen capture needs ImageMagick's import \(reads the screen\), which is not installed\. On Debian or Ubuntu run: sudo apt-get install imagemagick /);
  });
});
