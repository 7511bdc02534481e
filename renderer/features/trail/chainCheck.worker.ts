/**
 * Hashes the audit trail's chain off the window's thread (issue #12: 15,000 entries are 1.5 s of
 * SHA-256 and canonical JSON under load, which froze or slowed every screen drawn meanwhile).
 * The page reads the log and posts it here a chunk at a time; see chainCheck.ts.
 */
import { chainCheckHandler, type ChainCheckInput, type ChainCheckOutput } from './chainCheckCore';

// Typed by hand: the renderer compiles against the DOM library, whose `self` is a Window.
const scope = self as unknown as { onmessage: ((event: MessageEvent<ChainCheckInput>) => void) | null; postMessage: (output: ChainCheckOutput) => void };
const handle = chainCheckHandler((output) => scope.postMessage(output));
scope.onmessage = (event) => handle(event.data);
