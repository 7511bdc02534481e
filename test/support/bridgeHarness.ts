import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Events, EventName } from '../../shared/bridge/contract';
import { APP_ORIGIN } from '../../electron/main/appProtocol';
import { createDispatcher, type Dispatch, type Sender } from '../../electron/main/bridge/dispatch';
import type { Result } from '../../shared/bridge/result';
import { createHandlers, type HandlerDeps } from '../../electron/main/bridge/handlers';
import { createScreenCapturer } from '../../electron/main/capture';
import { createEvidenceStore, type EvidenceStore } from '../../electron/main/store';

/**
 * The handler table exactly as main builds it, with the only allowed substitutions
 * (DESIGN.md §2): the file dialog is answered by the test, and there is no window to hide.
 */
export interface BridgeHarness {
  readonly store: EvidenceStore;
  readonly dispatch: Dispatch;
  readonly events: { name: EventName; payload: unknown }[];
  /** The paths the next "Attach files" dialog returns; empty means the user cancelled. */
  answerFileDialog(paths: string[]): void;
  /** Where the next "Save bundle" dialog saves; null means the user cancelled. */
  answerSaveDialog(path: string | null): void;
  /** The bundle the next "Import bundle" dialog returns; null means the user cancelled. */
  answerImportDialog(path: string | null): void;
  /** Where the next "Save key card" dialog saves; null means the user cancelled. */
  answerKeyCardDialog(path: string | null): void;
  readonly revealed: string[];
  onEvent(listener: <E extends EventName>(name: E, payload: Events[E]) => void): void;
  /** Pushes an event as main does, e.g. 'capture:shortcut' when the global shortcut is pressed. */
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  /** What main's window does on a reload, close or crash of its page. */
  pageGone(reason: string): void;
}

/** `storeRoot` keeps the evidence store somewhere lasting (the benchmark's seeded installation). */
export async function createBridgeHarness(appOrigin: string, overrides: Partial<HandlerDeps> = {}, storeRoot?: string): Promise<BridgeHarness> {
  const root = storeRoot ?? (await mkdtemp(join(tmpdir(), 'evidence-store-')));
  const store = createEvidenceStore(root);
  const answers: string[][] = [];
  const saveAnswers: (string | null)[] = [];
  const importAnswers: (string | null)[] = [];
  const keyCardAnswers: (string | null)[] = [];
  const revealed: string[] = [];
  const events: { name: EventName; payload: unknown }[] = [];
  const listeners: (<E extends EventName>(name: E, payload: Events[E]) => void)[] = [];
  const pageGoneListeners: ((reason: string) => void)[] = [];
  const emit = <E extends EventName>(name: E, payload: Events[E]): void => {
    events.push({ name, payload });
    for (const listener of listeners) listener(name, payload);
  };
  const handlers = createHandlers({
    store,
    capturer: createScreenCapturer(),
    appVersion: '0.0.0-test',
    chooseFilesToImport: async () => answers.shift() ?? [],
    chooseBundlePath: async () => saveAnswers.shift() ?? null,
    chooseBundleToImport: async () => importAnswers.shift() ?? null,
    chooseKeyCardPath: async () => keyCardAnswers.shift() ?? null,
    revealInFolder: (path) => revealed.push(path),
    hideWindowForCapture: async () => () => {},
    emit,
    onPageGone: (listener) => void pageGoneListeners.push(listener),
    ...overrides,
  });
  return {
    store,
    dispatch: createDispatcher(handlers, appOrigin),
    events,
    answerFileDialog: (paths) => answers.push(paths),
    answerSaveDialog: (path) => saveAnswers.push(path),
    answerImportDialog: (path) => importAnswers.push(path),
    answerKeyCardDialog: (path) => keyCardAnswers.push(path),
    revealed,
    onEvent: (listener) => listeners.push(listener),
    emit,
    pageGone: (reason) => pageGoneListeners.forEach((listener) => listener(reason)),
  };
}

/** The app's own page, as the dispatcher sees it: the sender every handler test calls from. */
export const APP_SENDER: Sender = { url: `${APP_ORIGIN}/index.html#/audits/1`, isMainFrame: true };

/** The value of a bridge result, or a test failure naming main's error code and message. */
export function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
