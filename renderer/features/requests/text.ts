import { visibleName } from '../../../shared/files/visibleName';

/**
 * Multi-line text from a file (a request's description): hidden and bidirectional characters
 * made visible as visibleName does, but line breaks kept as line breaks.
 */
export function visibleText(text: string): string {
  return text
    .split(/\r\n|\n|\r/)
    .map(visibleName)
    .join('\n');
}
