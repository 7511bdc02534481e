import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type {
  App,
  BaseWindow,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  DesktopCapturer,
  Dialog,
  Display,
  GlobalShortcut,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItem,
  MenuItemConstructorOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  Protocol,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Screen,
  Session,
  Shell,
  SystemPreferences,
  WebContents,
  WebRequest,
  WebRequestFilter,
} from 'electron';

/**
 * A stand-in for the main-process half of the `electron` module (DESIGN.md §2): the parts of
 * Electron's API that the shipped out/main/index.cjs uses, each typed as a Pick of the real
 * interface from the electron.d.ts the package installs, so a stand-in that answered differently
 * from Electron (a dialog returning a bare path, a handler registered under a wrong signature)
 * fails the typecheck. Where Electron's behaviour matters to the app it is kept: a second
 * handler for a channel throws, protocol.handle waits for ready, quit() before ready does not
 * stop ready (electron/electron#25527), windows announce their web contents to the app.
 *
 * What a test needs beyond the API (answer a dialog, press a shortcut, send an IPC call from a
 * frame) is on the `control` object, never on the module main sees.
 */

/** A frame as ipcMain's event reports it: main reads its URL and whether it is the top frame. */
export interface StandInFrame {
  readonly url: string;
  readonly isMainFrame: boolean;
}

// Events (on, once, emit) come from Node's EventEmitter, which Electron's classes extend too;
// the Picks name the rest. Electron's own `on` returns the whole class, which a stand-in is not.
type AppPart = Pick<App, 'quit' | 'requestSingleInstanceLock' | 'whenReady' | 'isReady' | 'getPath' | 'getVersion' | 'isPackaged'>;

const PATH_NAMES = ['home', 'appData', 'userData', 'sessionData', 'temp', 'documents', 'downloads', 'desktop', 'logs', 'crashDumps'] as const;
type PathName = Parameters<App['getPath']>[0];

class StandInApp extends EventEmitter implements AppPart {
  readonly isPackaged = true;
  quitCount = 0;
  private readyFlag = false;
  private resolveReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  constructor(
    private readonly root: string,
    private readonly version: string,
    private readonly gotLock: boolean,
    private readonly windows: () => readonly StandInBrowserWindow[],
  ) {
    super();
  }

  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.readyFlag;
  }

  /** What Electron does when the platform says it is ready: the 'ready' event, then whenReady(). */
  becomeReady(): void {
    if (this.readyFlag) return;
    this.readyFlag = true;
    this.emit('ready', { preventDefault: () => {} }, {});
    this.resolveReady();
  }

  quit(): void {
    this.quitCount += 1;
    let prevented = false;
    const event = { preventDefault: () => void (prevented = true) };
    this.emit('before-quit', event);
    if (prevented) return;
    for (const window of this.windows()) window.close();
    this.emit('will-quit', event);
    if (!prevented) this.emit('quit', event, 0);
  }

  getPath(name: PathName): string {
    if (!(PATH_NAMES as readonly string[]).includes(name)) throw new Error(`Failed to get '${name}' path`);
    const path = join(this.root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  getVersion(): string {
    return this.version;
  }
}

type InvokeListener = Parameters<IpcMain['handle']>[1];

class StandInIpcMain implements Pick<IpcMain, 'handle' | 'removeHandler'> {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** ipcRenderer.invoke from `frame` of `contents`, as Electron delivers it to the handler. */
  async invoke(contents: StandInWebContents, frame: StandInFrame, channel: string, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    // Main reads senderFrame.url and senderFrame.parent; the rest of the event is Electron's
    // internals, which a stand-in cannot build, hence the one cast here.
    const event = {
      sender: contents,
      senderFrame: { url: frame.url, parent: frame.isMainFrame ? null : {} },
      frameId: frame.isMainFrame ? 1 : 2,
      processId: 1,
      type: 'frame',
      preventDefault: () => {},
      defaultPrevented: false,
    } as unknown as IpcMainInvokeEvent;
    // Arguments and results cross processes by structured clone: a Buffer arrives as a Uint8Array.
    return structuredClone(await listener(event, ...structuredClone(args)));
  }
}

type ProtocolHandler = Parameters<Protocol['handle']>[1];

class StandInProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
  privileged: Parameters<Protocol['registerSchemesAsPrivileged']>[0] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(schemes: Parameters<Protocol['registerSchemesAsPrivileged']>[0]): void {
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged = schemes;
  }

  handle(scheme: string, handler: ProtocolHandler): void {
    if (!this.isReady()) throw new Error('protocol.handle should be called after app is ready');
    if (this.handlers.has(scheme)) throw new Error(`Protocol ${scheme} is already handled`);
    this.handlers.set(scheme, handler);
  }

  /** What the page gets when it requests `url` (the scheme's handler answers, or nothing does). */
  async fetch(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url));
  }
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;
type WebRequestPart = Pick<WebRequest, 'onHeadersReceived'>;
type HeadersListener = NonNullable<Parameters<WebRequest['onHeadersReceived']>[0]>;

class StandInWebRequest implements WebRequestPart {
  listener: HeadersListener | null = null;

  onHeadersReceived(first: WebRequestFilter | HeadersListener | null, second?: HeadersListener | null): void {
    this.listener = typeof first === 'function' || first === null ? first : (second ?? null);
  }
}

class StandInSession implements Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: PermissionCheckHandler | null = null;
  readonly webRequest = new StandInWebRequest();

  get headers(): HeadersListener | null {
    return this.webRequest.listener;
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheck = handler;
  }
}

type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];
type WebContentsPart = Pick<WebContents, 'send' | 'setWindowOpenHandler' | 'isDestroyed'>;

/** Where main's webContents.send(...) goes: the preload's ipcRenderer in the window's page. */
export type RendererSink = (channel: string, args: unknown[]) => void;

export class StandInWebContents extends EventEmitter implements WebContentsPart {
  openHandler: WindowOpenHandler | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private readonly sinks = new Set<RendererSink>();
  private destroyed = false;

  constructor(readonly id: number) {
    super();
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    for (const sink of this.sinks) sink(channel, cloned);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** Connects a renderer (the preload's ipcRenderer) to what main sends this window. */
  connect(sink: RendererSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  /** A navigation the page starts: true when main's guard prevented it, as Electron would. */
  tryNavigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => void (prevented = true) }, url);
    return prevented;
  }

  /** window.open(url) from the page: what main's handler decides. */
  tryOpenWindow(url: string): ReturnType<WindowOpenHandler> | null {
    return this.openHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' }, postBody: undefined } as unknown as Parameters<WindowOpenHandler>[0]) ?? null;
  }
}

type WindowPart = Pick<
  BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'minimize' | 'isVisible' | 'isMinimized' | 'isDestroyed' | 'isFocused' | 'close' | 'loadURL'
>;

/** BrowserWindow; one instance per window main creates, recorded with the options it was given. */
export class StandInBrowserWindow extends EventEmitter implements WindowPart {
  readonly webContents: StandInWebContents;
  loadedUrl: string | null = null;
  private visible = false;
  private minimized = false;
  private focused = false;
  private destroyed = false;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    id: number,
    private readonly onClosed: (window: StandInBrowserWindow) => void,
  ) {
    super();
    this.webContents = new StandInWebContents(id);
    this.visible = options.show !== false;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    // Electron emits ready-to-show once the page has painted; here, once the load is asked for.
    setImmediate(() => this.emit('ready-to-show'));
  }

  show(): void {
    this.visible = true;
    this.minimized = false;
    this.focused = true;
    this.emit('show');
  }

  hide(): void {
    this.visible = false;
    this.focused = false;
    this.emit('hide');
  }

  focus(): void {
    this.focused = true;
  }

  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }

  minimize(): void {
    this.minimized = true;
    this.focused = false;
    this.emit('minimize');
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault: () => {} });
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    this.onClosed(this);
  }
}

class StandInDialog implements Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'> {
  readonly asked: { kind: 'open' | 'save'; parent: boolean; options: OpenDialogOptions | SaveDialogOptions }[] = [];
  private readonly openAnswers: { paths: string[] | null; fits: (options: OpenDialogOptions) => boolean }[] = [];
  private readonly saveAnswers: (string | null)[] = [];

  /** The next open dialog (that `fits`, when given) returns `paths`; null or [] is Cancel. */
  answerOpen(paths: string[] | null, fits: (options: OpenDialogOptions) => boolean = () => true): void {
    this.openAnswers.push({ paths, fits });
  }

  answerSave(path: string | null): void {
    this.saveAnswers.push(path);
  }

  async showOpenDialog(first: BaseWindow | OpenDialogOptions, second?: OpenDialogOptions): Promise<OpenDialogReturnValue> {
    const [parent, options] = splitDialogArgs(first, second);
    this.asked.push({ kind: 'open', parent, options });
    const index = this.openAnswers.findIndex((a) => a.fits(options));
    const answer = index < 0 ? null : (this.openAnswers.splice(index, 1)[0]?.paths ?? null);
    return answer === null || answer.length === 0 ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: answer };
  }

  async showSaveDialog(first: BaseWindow | SaveDialogOptions, second?: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    const [parent, options] = splitDialogArgs(first, second);
    this.asked.push({ kind: 'save', parent, options });
    const answer = this.saveAnswers.shift() ?? null;
    return answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer };
  }
}

function splitDialogArgs<O>(first: BaseWindow | O, second: O | undefined): [boolean, O] {
  if (first instanceof StandInBrowserWindow) {
    if (second === undefined) throw new TypeError('dialog: options are required after a window');
    return [true, second];
  }
  return [false, first as O];
}

class StandInGlobalShortcut implements Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered' | 'unregisterAll'> {
  readonly registered = new Map<string, () => void>();
  /** Every accelerator main asked for, registered or not. */
  readonly attempted: string[] = [];

  constructor(private readonly takenByOthers: ReadonlySet<string>) {}

  register(accelerator: string, callback: () => void): boolean {
    this.attempted.push(accelerator);
    if (this.takenByOthers.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }

  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }

  unregisterAll(): void {
    this.registered.clear();
  }

  /** The user pressing the keys anywhere on the desktop. */
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

class StandInShell implements Pick<Shell, 'showItemInFolder' | 'openExternal'> {
  readonly revealed: string[] = [];
  readonly opened: string[] = [];

  showItemInFolder(fullPath: string): void {
    this.revealed.push(fullPath);
  }

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

type Template = Parameters<typeof Menu.buildFromTemplate>[0];

/** A menu as main built it: the template's items, which a test can find by label and click. */
export class StandInMenu {
  constructor(readonly items: readonly MenuItemConstructorOptions[]) {}

  /** The item at `labels` (File, then New Audit…); '&' mnemonics are ignored, as on screen. */
  find(...labels: string[]): MenuItemConstructorOptions {
    let level: readonly (MenuItemConstructorOptions | MenuItem)[] = this.items;
    let found: MenuItemConstructorOptions | undefined;
    for (const label of labels) {
      found = level.find((i) => (i.label ?? '').replace(/&/g, '') === label) as MenuItemConstructorOptions | undefined;
      if (!found) throw new Error(`no menu item "${label}" in ${level.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
      level = Array.isArray(found.submenu) ? (found.submenu) : [];
    }
    if (!found) throw new Error('name a menu item');
    return found;
  }

  /** The user choosing the item, with `window` focused. */
  click(window: StandInBrowserWindow | undefined, ...labels: string[]): void {
    const item = this.find(...labels);
    if (!item.click) throw new Error(`menu item ${labels.join(' › ')} does nothing when clicked`);
    // Electron passes its MenuItem, the focused window and the keyboard state; main uses none.
    item.click(item as unknown as MenuItem, window as unknown as BaseWindow, { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false });
  }
}

class StandInMenuModule {
  application: StandInMenu | null = null;

  buildFromTemplate(template: Template): StandInMenu {
    return new StandInMenu(template.map((i) => i as MenuItemConstructorOptions));
  }

  setApplicationMenu(menu: StandInMenu | null): void {
    this.application = menu;
  }
}

const DISPLAY = {
  id: 1,
  label: 'Stand-in display',
  bounds: { x: 0, y: 0, width: 1280, height: 800 },
  scaleFactor: 1,
} as const;

const screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'> = {
  // Only the desktopCapturer fallback asks; these fields are the ones it reads.
  getAllDisplays: () => [DISPLAY as unknown as Display],
  getPrimaryDisplay: () => DISPLAY as unknown as Display,
};

const desktopCapturer: Pick<DesktopCapturer, 'getSources'> = {
  // The fallback capturer has no stand-in pixels: screenshot-desktop is what runs here.
  getSources: async () => {
    throw new Error('desktopCapturer is not available in the stand-in Electron');
  },
};

const systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'> = {
  getMediaAccessStatus: () => 'granted',
};

export interface StandInOptions {
  /** Root of app.getPath(...): userData is <root>/userData, documents <root>/documents. */
  readonly root: string;
  readonly version: string;
  /** False: another instance holds the single-instance lock. */
  readonly gotLock?: boolean;
  /** Accelerators another application owns, so registering them fails. */
  readonly shortcutsTakenByOthers?: readonly string[];
}

/** The stand-in module, as `require('electron')` in the main process sees it. */
export interface MainElectron {
  readonly app: AppPart & EventEmitter;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => WindowPart & EventEmitter & { readonly webContents: WebContentsPart & EventEmitter };
  readonly desktopCapturer: Pick<DesktopCapturer, 'getSources'>;
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  readonly globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  /** Menu's statics; a built menu is the stand-in's own (main only passes it to setApplicationMenu). */
  readonly Menu: { buildFromTemplate(template: Template): unknown; setApplicationMenu(menu: never): void };
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  readonly session: { readonly defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & { readonly webRequest: WebRequestPart } };
  readonly shell: Pick<Shell, 'showItemInFolder' | 'openExternal'>;
  readonly systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'>;
}

export interface StandInControl {
  readonly app: StandInApp;
  readonly ipcMain: StandInIpcMain;
  readonly protocol: StandInProtocol;
  readonly session: StandInSession;
  readonly dialog: StandInDialog;
  readonly globalShortcut: StandInGlobalShortcut;
  readonly shell: StandInShell;
  readonly menu: StandInMenuModule;
  /** Every window main created, closed ones included, in order. */
  readonly windows: StandInBrowserWindow[];
  /** Web contents announced through app's 'web-contents-created'. */
  readonly contentsCreated: StandInWebContents[];
}

export function createMainStandIn(options: StandInOptions): { module: MainElectron; control: StandInControl } {
  const windows: StandInBrowserWindow[] = [];
  const open = (): StandInBrowserWindow[] => windows.filter((w) => !w.isDestroyed());
  const app = new StandInApp(options.root, options.version, options.gotLock ?? true, open);
  const contentsCreated: StandInWebContents[] = [];
  const onClosed = (): void => {
    if (open().length === 0) app.emit('window-all-closed');
  };
  class BrowserWindowStandIn extends StandInBrowserWindow {
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
      super(windowOptions, windows.length + 1, onClosed);
      windows.push(this);
      contentsCreated.push(this.webContents);
      app.emit('web-contents-created', { preventDefault: () => {} }, this.webContents);
      app.emit('browser-window-created', { preventDefault: () => {} }, this);
    }
  }
  const control: StandInControl = {
    app,
    ipcMain: new StandInIpcMain(),
    protocol: new StandInProtocol(() => app.isReady()),
    session: new StandInSession(),
    dialog: new StandInDialog(),
    globalShortcut: new StandInGlobalShortcut(new Set(options.shortcutsTakenByOthers ?? [])),
    shell: new StandInShell(),
    menu: new StandInMenuModule(),
    windows,
    contentsCreated,
  };
  const module = {
    app,
    BrowserWindow: BrowserWindowStandIn,
    desktopCapturer,
    dialog: control.dialog,
    globalShortcut: control.globalShortcut,
    ipcMain: control.ipcMain,
    Menu: control.menu,
    protocol: control.protocol,
    screen,
    session: { defaultSession: control.session },
    shell: control.shell,
    systemPreferences,
  } satisfies MainElectron;
  return { module, control };
}
