export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

/** A status as a word on a coloured pill: the word carries the meaning, the colour helps scanning. */
export function StatusTag({ tone, children }: { readonly tone: Tone; readonly children: React.ReactNode }): React.JSX.Element {
  return <span className={`status-tag status-tag-${tone}`}>{children}</span>;
}
