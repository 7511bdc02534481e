import { useEffect, useRef } from 'react';

/**
 * Which capture bar the global shortcut and a paste go to: the one for "the selected control"
 * (DESIGN.md §3). Several can be on screen (a control page and a re-capture panel); the one the
 * user touched last wins, else the one mounted last.
 */
export interface CaptureTarget {
  readonly label: string;
  readonly capture: () => void;
  readonly paste: (files: File[]) => void;
}

const targets: { current: CaptureTarget }[] = [];

export function activeTarget(): CaptureTarget | null {
  return targets.at(-1)?.current ?? null;
}

/** Registers a capture bar; returns a function that makes it the active one (call it on interaction). */
export function useCaptureTarget(target: CaptureTarget): () => void {
  const ref = useRef(target);
  useEffect(() => {
    ref.current = target;
  });
  useEffect(() => {
    const entry = ref;
    targets.push(entry);
    return () => {
      const index = targets.indexOf(entry);
      if (index >= 0) targets.splice(index, 1);
    };
  }, []);
  return () => {
    const index = targets.indexOf(ref);
    if (index >= 0 && index !== targets.length - 1) {
      targets.splice(index, 1);
      targets.push(ref);
    }
  };
}
