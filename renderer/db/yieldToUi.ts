/**
 * Lets the window handle input and paint between two slices of long work (issue #12: no task
 * over 50 ms). scheduler.yield() where the runtime has it (Chromium 129+), else a message
 * through a MessageChannel. Not setTimeout(0): nested timers are clamped to 4 ms and throttled
 * hard in a window that is not in front, which turned a 30-slice chain check into seconds.
 */
type WithScheduler = { readonly scheduler?: { readonly yield?: () => Promise<void> } };

export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as WithScheduler).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
