import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { BridgeHarness } from '../../test/support/bridgeHarness';
import type { ReadySpec, Sample } from './probeTypes';
import type { SeededInstallation } from './seeding';

/** One installation as the measurements drive it: its page, main's handler table, its rows. */
export interface Side {
  readonly name: 'scale' | 'baseline';
  page: Page;
  cdp: CDPSession;
  readonly harness: BridgeHarness;
  readonly seeded: SeededInstallation;
  readonly scratch: string;
  /** Closes the browser and opens the profile again (a cold start), probe armed for the audit list. */
  relaunch(): Promise<void>;
  close(): Promise<void>;
}

export interface Measured extends Sample {
  readonly heapMiB: number;
}

export interface Action {
  readonly id: string;
  readonly label: string;
  /**
   * The figure judged: 'ms' (trigger → painted), 'afterBridge' (main stored → painted), or the
   * duration of one of the app's own performance measures made during the action.
   */
  readonly figure: 'ms' | 'afterBridge' | { readonly measure: string };
  readonly targetMs: number;
  readonly timeoutMs: number;
  measure(side: Side, run: number): Promise<Sample[]>;
}

export const AUDIT_LIST_READY: ReadySpec = { selector: '.audit-card' };
const CHECKLIST_READY: ReadySpec = { selector: '.checklist-item', all: ['.audit-header'] };
const CONTROL_READY: ReadySpec = { selector: '.evidence-card', all: ['#evidence-heading'] };
const EVIDENCE_READY: ReadySpec = { selector: '.eb-row' };

type Probe = {
  navigate(hash: string, spec: ReadySpec, timeoutMs: number): Promise<Sample>;
  click(buttonText: string, spec: ReadySpec, timeoutMs: number, bridgeChannel: string | null): Promise<Sample>;
  armKeystroke(spec: ReadySpec, timeoutMs: number): Promise<void>;
  keystrokeSample(): Promise<Sample>;
  reach(hash: string | null, spec: ReadySpec, timeoutMs: number): Promise<void>;
};

/** Calls the page's probe (bench/scale/page/probe.ts). */
function probe<K extends keyof Probe>(page: Page, name: K, ...args: Parameters<Probe[K]>): ReturnType<Probe[K]> {
  return page.evaluate(
    ([n, a]) => {
      const p = (globalThis as unknown as { __benchProbe: Record<string, (...x: unknown[]) => Promise<unknown>> }).__benchProbe;
      return p[n as string]?.(...(a as unknown[]));
    },
    [name, args] as const,
  ) as ReturnType<Probe[K]>;
}

const fieldwork = (s: Side, tail = ''): string => `#/audits/${s.seeded.auditId}/fieldwork${tail}`;

/** The starting point of most measurements: the controls checklist, nothing selected. */
async function atChecklist(s: Side, timeoutMs: number): Promise<void> {
  await probe(s.page, 'reach', fieldwork(s), CHECKLIST_READY, timeoutMs);
}

function navigation(id: string, label: string, route: (s: Side) => string, ready: ReadySpec, timeoutMs = 300_000): Action {
  return {
    id,
    label,
    figure: 'ms',
    targetMs: 150,
    timeoutMs,
    async measure(s) {
      await atChecklist(s, timeoutMs);
      return [await probe(s.page, 'navigate', route(s), ready, timeoutMs)];
    },
  };
}

export const ACTIONS: readonly Action[] = [
  {
    id: 'cold',
    label: 'cold start → audit list',
    figure: 'ms',
    targetMs: 500,
    timeoutMs: 60_000,
    async measure(s) {
      await s.relaunch();
      return [(await s.page.evaluate(() => (globalThis as unknown as { __benchColdStart: Promise<Sample> }).__benchColdStart))];
    },
  },
  {
    id: 'checklist',
    label: 'open the audit → controls checklist',
    figure: 'ms',
    targetMs: 150,
    timeoutMs: 120_000,
    async measure(s) {
      await probe(s.page, 'reach', '#/', AUDIT_LIST_READY, 60_000);
      return [await probe(s.page, 'navigate', fieldwork(s), CHECKLIST_READY, 120_000)];
    },
  },
  navigation('control', 'open a daily control', (s) => fieldwork(s, `/controls/${s.seeded.controlId}`), CONTROL_READY),
  {
    id: 'attach',
    label: 'attach one file to that control (stored → visible)',
    figure: 'afterBridge',
    targetMs: 150,
    timeoutMs: 300_000,
    async measure(s, run) {
      await probe(s.page, 'reach', fieldwork(s, `/controls/${s.seeded.controlId}`), CONTROL_READY, 300_000);
      const name = `bench attach ${s.name} run ${run} ${Date.now()}.csv`;
      const path = join(s.scratch, name);
      await writeFile(path, `attached by the benchmark,${name}\n`);
      s.harness.answerFileDialog([path]);
      return [await probe(s.page, 'click', 'Attach files…', { selector: `article[aria-label="${name}"]` }, 300_000, 'files:import')];
    },
  },
  navigation('review', 'review queue', (s) => fieldwork(s, '/review'), { selector: '.queue-row' }),
  navigation('coverage', 'coverage matrix', (s) => fieldwork(s, '/coverage'), { selector: '.cov-link' }),
  navigation('evidence', 'all evidence', (s) => fieldwork(s, '/evidence'), EVIDENCE_READY),
  {
    id: 'search',
    label: 'search all evidence, per keystroke',
    figure: 'ms',
    targetMs: 150,
    timeoutMs: 60_000,
    async measure(s) {
      await probe(s.page, 'reach', fieldwork(s, '/evidence'), EVIDENCE_READY, 300_000);
      const input = s.page.getByRole('searchbox', { name: 'Search names and notes' });
      await input.focus();
      const samples: Sample[] = [];
      let typed = '';
      for (const key of 'okta') {
        typed += key;
        const ready: ReadySpec = {
          selector: '.eb-row, .empty-inline',
          inputValue: { selector: '.eb-filters input[type="search"]', value: typed },
          absent: ['[aria-busy="true"]'],
        };
        // The probe listens before the key goes out.
        await probe(s.page, 'armKeystroke', ready, 120_000);
        await s.page.keyboard.press(key);
        samples.push(await probe(s.page, 'keystrokeSample'));
      }
      await input.fill('');
      return samples;
    },
  },
  navigation('trail', 'audit trail: first page', (s) => `#/audits/${s.seeded.auditId}/trail`, { selector: '.trail-row' }),
  {
    // The chain verdict needs every entry read and hashed (15,000 here): a background check
    // with progress, judged by its long tasks, not by the 150 ms a screen has to paint.
    ...navigation('chain', 'audit trail: chain verdict (background)', (s) => `#/audits/${s.seeded.auditId}/trail`, {
      selector: '.trail-row',
      all: ['.trail-chain-intact, .trail-chain-broken'],
    }),
    targetMs: Number.POSITIVE_INFINITY,
  },
  navigation('scope', 'scope (controls with links)', (s) => `#/audits/${s.seeded.auditId}/scope`, { selector: '.scope-ref' }),
  navigation('readiness', 'readiness', (s) => `#/audits/${s.seeded.auditId}/readiness`, { selector: '.work-table-wrap tbody tr' }),
  navigation('remediation', 'remediation', (s) => `#/audits/${s.seeded.auditId}/remediation`, { selector: '.remediation-hint, .summary-tiles, .step-screen-head' }),
  navigation('maintain', 'maintain (due and overdue)', (s) => `#/audits/${s.seeded.auditId}/maintain`, { selector: '.summary-tile' }),
  navigation('requests', 'request list', (s) => fieldwork(s, '/requests'), { selector: '.requests' }),
  {
    id: 'export',
    label: 'export: plan and sign (long tasks until the save dialog)',
    figure: { measure: 'export: plan and sign' },
    targetMs: 1000,
    timeoutMs: 600_000,
    async measure(s) {
      // By way of the audit list, so the screen mounts afresh; the save dialog is cancelled, so
      // what is timed is everything the renderer does before main writes a byte.
      await probe(s.page, 'reach', '#/', AUDIT_LIST_READY, 300_000);
      await probe(s.page, 'reach', `#/audits/${s.seeded.auditId}/export`, { selector: '.export-actions button[type="submit"]' }, 300_000);
      s.harness.answerSaveDialog(null);
      return [await probe(s.page, 'click', 'Export bundle…', { selector: '.export-status p', text: 'cancelled' }, 600_000, null)];
    },
  },
  {
    id: 'integrity',
    label: 'integrity check of every file',
    figure: 'ms',
    targetMs: 30_000,
    timeoutMs: 1_200_000,
    async measure(s) {
      // By way of the audit list, so the screen mounts afresh: a screen that already ran a check says "Run again".
      await probe(s.page, 'reach', '#/', AUDIT_LIST_READY, 300_000);
      await probe(s.page, 'reach', `#/audits/${s.seeded.auditId}/integrity`, { selector: '.ic-head button' }, 300_000);
      return [await probe(s.page, 'click', 'Run integrity check', { selector: '[data-testid="integrity-summary"]' }, 1_200_000, null)];
    },
  },
];

/** The renderer's JS heap after a collection, MiB. */
export async function heapMiB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / (1024 * 1024);
}
