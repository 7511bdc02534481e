import { isChannel } from '../../../shared/bridge/contract';
import { requestSchemas } from '../../../shared/bridge/schemas';
import { fail, ok, type Result } from '../../../shared/bridge/result';
import { BridgeFailure, describeKnownError } from './failure';
import type { HandlerTable } from './handlers';

/** Who sent a call: the frame's URL and whether it is the top-level frame of the app window. */
export interface Sender {
  readonly url: string | undefined;
  readonly isMainFrame: boolean;
}

/**
 * The app's own origin, compared by scheme, host and port. URL.origin cannot be used: for a
 * non-special scheme such as app:// it is the opaque string "null" for every URL.
 */
export function isTrustedUrl(url: string | undefined, appOrigin: string): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  let expected: URL;
  try {
    parsed = new URL(url);
    expected = new URL(appOrigin);
  } catch {
    return false;
  }
  return (
    parsed.protocol === expected.protocol &&
    parsed.hostname === expected.hostname &&
    parsed.port === expected.port &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export type Dispatch = (channel: unknown, sender: Sender, payload: unknown) => Promise<Result<unknown>>;

/**
 * The one gate every bridge call passes: sender frame, channel, payload, then the handler.
 * Main's ipcMain registration and the e2e tests' exposeBinding both call this.
 */
export function createDispatcher(handlers: HandlerTable, appOrigin: string, log: (line: string) => void = () => {}): Dispatch {
  return async (channel, sender, payload) => {
    if (!sender.isMainFrame || !isTrustedUrl(sender.url, appOrigin)) {
      log(`bridge: refused ${String(channel)} from ${String(sender.url)}`);
      return fail('forbidden-sender', 'This call did not come from the Evidence Locker window.');
    }
    if (!isChannel(channel)) return fail('unknown-channel', `There is no bridge channel named ${JSON.stringify(String(channel).slice(0, 80))}.`);
    const parsed = requestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'request';
      return fail('invalid-payload', `${channel}: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      // The table is indexed by the validated channel; TypeScript cannot correlate the two.
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof BridgeFailure) return fail(error.code, error.message);
      const known = describeKnownError(error, channel);
      if (known) {
        log(`bridge: ${channel} failed: ${error instanceof Error ? error.message : String(error)}`);
        return fail(known.code, known.message);
      }
      log(`bridge: ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fail('internal', `${channel} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
