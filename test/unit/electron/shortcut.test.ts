import { describe, expect, it } from 'vitest';
import { registerCaptureShortcut } from '../../../electron/main/shortcut';
import type { Events } from '../../../shared/bridge/contract';
import { CAPTURE_ACCELERATOR } from '../../../shared/capture/shortcut';

/** The global capture shortcut against a stand-in with globalShortcut's register/unregister. */
function fakeGlobalShortcut(owner: 'free' | 'taken' | 'invalid' = 'free') {
  const callbacks = new Map<string, () => void>();
  const emitted: Events['capture:shortcut'][] = [];
  const warnings: string[] = [];
  const unregistered: string[] = [];
  const deps = {
    register: (accelerator: string, callback: () => void): boolean => {
      if (owner === 'invalid') throw new TypeError('conversion failure');
      if (owner === 'taken') return false;
      callbacks.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => {
      unregistered.push(accelerator);
      callbacks.delete(accelerator);
    },
    emit: (_name: 'capture:shortcut', payload: Events['capture:shortcut']) => void emitted.push(payload),
    warn: (line: string) => void warnings.push(line),
  };
  const press = (accelerator: string): void => {
    const callback = callbacks.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  };
  return { deps, press, emitted, warnings, unregistered, callbacks };
}

describe('registerCaptureShortcut', () => {
  it('registers the shared accelerator and tells the window on every press', () => {
    const shortcut = fakeGlobalShortcut();
    registerCaptureShortcut(shortcut.deps);
    expect([...shortcut.callbacks.keys()]).toEqual([CAPTURE_ACCELERATOR]);
    shortcut.press(CAPTURE_ACCELERATOR);
    shortcut.press(CAPTURE_ACCELERATOR);
    expect(shortcut.emitted).toEqual([{ accelerator: 'CommandOrControl+Shift+E' }, { accelerator: 'CommandOrControl+Shift+E' }]);
    expect(shortcut.warnings).toEqual([]);
  });

  it('emits nothing until the key is pressed', () => {
    const shortcut = fakeGlobalShortcut();
    registerCaptureShortcut(shortcut.deps);
    expect(shortcut.emitted).toEqual([]);
  });

  it('releases the accelerator once at quit', () => {
    const shortcut = fakeGlobalShortcut();
    const release = registerCaptureShortcut(shortcut.deps);
    release();
    release();
    expect(shortcut.unregistered).toEqual([CAPTURE_ACCELERATOR]);
    expect(shortcut.callbacks.size).toBe(0);
  });

  it('warns and carries on when another application owns the keys, and releases nothing it does not hold', () => {
    const shortcut = fakeGlobalShortcut('taken');
    const release = registerCaptureShortcut(shortcut.deps);
    expect(shortcut.warnings).toHaveLength(1);
    expect(shortcut.warnings[0]).toMatch(/CommandOrControl\+Shift\+E could not be registered.*another application/);
    release();
    expect(shortcut.unregistered).toEqual([]);
  });

  it('warns instead of crashing startup when Electron rejects the accelerator', () => {
    const shortcut = fakeGlobalShortcut('invalid');
    expect(() => registerCaptureShortcut(shortcut.deps, 'Shift+Nonsense')).not.toThrow();
    expect(shortcut.warnings).toHaveLength(1);
    expect(shortcut.warnings[0]).toMatch(/Shift\+Nonsense is not valid \(conversion failure\)/);
  });
});
