/**
 * The benchmark's eyes inside the page, installed as an init script before the app's own code
 * runs (bench/scale/bundle.ts). It times what a person waits for: from the navigation, click or
 * keystroke until the screen's content is painted, and collects every long task (> 50 ms, from
 * a `longtask` PerformanceObserver) until the page has been quiet for a while afterwards.
 */
import type { ReadySpec, Sample } from '../probeTypes';

const QUIET_MS = 400;
const SETTLE_CAP_MS = 30_000;

const longTasks: { start: number; end: number }[] = [];
const settled = new Map<string, number>();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}).observe({ type: 'longtask', buffered: true });

Object.defineProperty(globalThis, '__evidenceLockerSettled', { value: (channel: string) => settled.set(channel, performance.now()) });

function isReady(spec: ReadySpec): boolean {
  const found = document.querySelectorAll(spec.selector);
  if (found.length < (spec.count ?? 1)) return false;
  if (spec.text !== undefined && !new RegExp(spec.text).test(found[0]?.textContent ?? '')) return false;
  if (spec.all?.some((selector) => document.querySelector(selector) === null)) return false;
  if (spec.absent?.some((selector) => document.querySelector(selector) !== null)) return false;
  if (spec.inputValue) {
    const input = document.querySelector(spec.inputValue.selector);
    if (!(input instanceof HTMLInputElement) || input.value !== spec.inputValue.value) return false;
  }
  return true;
}

const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** Resolves after the frame that shows the content has been painted. */
async function painted(spec: ReadySpec, timeoutMs: number, since: number): Promise<number> {
  for (;;) {
    await frame();
    if (isReady(spec)) break;
    if (performance.now() - since > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${JSON.stringify(spec)}`);
  }
  // rAF callbacks run before the frame's paint; the next task after it runs once it is painted.
  await frame();
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  return performance.now();
}

/** Waits until no long task has ended for QUIET_MS, so work deferred past the paint is seen too. */
async function quiet(): Promise<void> {
  const started = performance.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lastEnd = Math.max(0, ...longTasks.map((t) => t.end));
    const now = performance.now();
    if (now - lastEnd >= QUIET_MS || now - started > SETTLE_CAP_MS) return;
  }
}

async function sample(t0: number, spec: ReadySpec, timeoutMs: number, bridgeChannel: string | null): Promise<Sample> {
  const t1 = await painted(spec, timeoutMs, t0);
  await quiet();
  const tasks = longTasks.filter((t) => t.end > t0);
  const answered = bridgeChannel === null ? undefined : settled.get(bridgeChannel);
  const measures = performance.getEntriesByType('measure').filter((m) => m.startTime >= t0);
  return {
    ms: t1 - t0,
    afterBridgeMs: answered !== undefined && answered >= t0 ? t1 - answered : null,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.end - Math.max(t.start, t0))),
    longTasks: tasks.length,
    domNodes: document.getElementsByTagName('*').length,
    measures: Object.fromEntries(measures.map((m) => [m.name, m.duration])),
    // What blocked the window while the app's own measure ran, apart from what came after it.
    measureLongestTaskMs: Object.fromEntries(
      measures.map((m) => {
        const end = m.startTime + m.duration;
        const inside = tasks.filter((t) => t.end > m.startTime && t.start < end).map((t) => Math.min(t.end, end) - Math.max(t.start, m.startTime));
        return [m.name, Math.max(0, ...inside)];
      }),
    ),
  };
}

/** Sets the hash route and waits for the screen. */
async function navigate(hash: string, spec: ReadySpec, timeoutMs: number): Promise<Sample> {
  const t0 = performance.now();
  location.hash = hash;
  return sample(t0, spec, timeoutMs, null);
}

/** Clicks the button with this text and waits; `bridgeChannel` names the call whose answer starts the second clock. */
async function click(buttonText: string, spec: ReadySpec, timeoutMs: number, bridgeChannel: string | null): Promise<Sample> {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === buttonText && !b.disabled);
  if (!button) throw new Error(`no enabled button "${buttonText}"`);
  settled.clear();
  const t0 = performance.now();
  button.click();
  return sample(t0, spec, timeoutMs, bridgeChannel);
}

let armed: Promise<Sample> | null = null;

/**
 * Listens for the next keydown and times from its timestamp; returns at once, so the caller
 * knows the listener is there before it sends the key. `keystrokeSample` collects the result.
 */
function armKeystroke(spec: ReadySpec, timeoutMs: number): void {
  armed = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no keydown within ${timeoutMs} ms`)), timeoutMs);
    window.addEventListener(
      'keydown',
      (e) => {
        clearTimeout(timer);
        resolve(e.timeStamp);
      },
      { once: true, capture: true },
    );
  }).then((down) => sample(down, spec, timeoutMs, null));
  // Collected by keystrokeSample; a rejection before that must not count as unhandled.
  armed.catch(() => {});
}

function keystrokeSample(): Promise<Sample> {
  if (armed === null) throw new Error('no keystroke armed');
  const result = armed;
  armed = null;
  return result;
}

/** A fresh page load: from navigation start (0) until the screen is painted. */
async function load(spec: ReadySpec, timeoutMs: number): Promise<Sample> {
  return sample(0, spec, timeoutMs, null);
}

/** Waits for a screen without timing it (the starting point of the next measurement). */
async function reach(hash: string | null, spec: ReadySpec, timeoutMs: number): Promise<void> {
  if (hash !== null) location.hash = hash;
  await painted(spec, timeoutMs, performance.now());
  await quiet();
}

Object.defineProperty(globalThis, '__benchProbe', { value: { navigate, click, armKeystroke, keystrokeSample, load, reach } });
