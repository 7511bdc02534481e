import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireDisplay } from '../support/display';
import { expect, test } from './fixtures';

const ZONE = 'America/New_York';
const DAY = 86_400_000;

/** Today's calendar day in the audit's zone, computed here independently of the app. */
function dayIn(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

test('a team finds its gaps, closes one with evidence of the fix, records the report, and sees what is due next', async ({ app }) => {
  requireDisplay();
  const page = app.page;
  const steps = page.getByRole('navigation', { name: 'Audit steps' });

  // A Type II period that ends a week from today: every recurring control's current slot ends
  // with the period, so quarterly controls without evidence are due soon whatever the date.
  const today = dayIn(Date.now());
  const periodEnd = plusDays(today, 7);
  const periodStart = plusDays(periodEnd, -364);

  await page.getByRole('link', { name: 'New audit' }).first().click();
  await page.getByLabel('Audit name').fill('SOC 2 Type II renewal');
  await page.getByLabel('Organization', { exact: true }).fill('Acme Cloud Inc.');
  await page.getByLabel(/Type II/).check();
  await page.getByLabel('Period start').fill(periodStart);
  await page.getByLabel('Period end').fill(periodEnd);
  await page.getByLabel('Time zone of the organization').selectOption(ZONE);
  await page.getByRole('button', { name: 'Create audit' }).click();
  await expect(page.getByRole('heading', { name: 'SOC 2 Type II renewal' })).toBeVisible();

  // --- Readiness: the gap analysis.
  await steps.getByRole('link', { name: 'Readiness' }).click();
  await expect(page.getByRole('heading', { name: 'Readiness', level: 2 })).toBeVisible();
  const total = await page.getByRole('table').getByRole('row').count() - 1;
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(page.getByText(`0 of ${total} controls ready`)).toBeVisible();

  await page.getByLabel('Status of AC-01').selectOption('gap');
  await page.getByLabel('Notes for AC-01').fill('No access review was recorded for Q3.');
  await page.getByLabel('Notes for AC-01').press('Tab');
  await page.getByLabel('Status of AC-05').selectOption('gap');
  await page.getByLabel('Notes for AC-05').fill('Admin list not reviewed; owner unclear.');
  // Saving with the button works as well as leaving the box.
  await page.getByRole('row').filter({ hasText: 'AC-05' }).getByRole('button', { name: 'Save notes' }).click();
  await page.getByLabel('Status of GOV-01').selectOption('ready');
  await page.getByLabel('Notes for GOV-01').fill('Signed acknowledgements in the HR system.');
  await page.getByLabel('Notes for GOV-01').blur();

  await expect(page.getByText(`1 of ${total} controls ready`)).toBeVisible();
  const filters = page.getByRole('group', { name: 'Filter by status' });
  await filters.getByRole('button', { name: /Gap/ }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByLabel('Status of AC-01')).toHaveValue('gap');
  await expect(page.getByLabel('Notes for AC-05')).toHaveValue('Admin list not reviewed; owner unclear.');

  const ac01 = rows.filter({ hasText: 'AC-01' });
  await ac01.getByRole('button', { name: 'Create remediation task' }).click();
  await expect(ac01.getByRole('link', { name: 'Remediation task open' })).toBeVisible();
  await expect(rows.filter({ hasText: 'AC-05' }).getByRole('button', { name: 'Create remediation task' })).toBeVisible();
  await filters.getByRole('button', { name: /All controls/ }).click();
  await expect(page.getByLabel('Notes for GOV-01')).toHaveValue('Signed acknowledgements in the HR system.');
  // Notes and statuses survive a reload: they were saved, not just typed.
  await page.reload();
  await expect(page.getByLabel('Notes for AC-01')).toHaveValue('No access review was recorded for Q3.');
  await expect(page.getByLabel('Status of GOV-01')).toHaveValue('ready');
  await app.snap('30-readiness');

  // --- Remediation: the task from the gap, plus one added freely.
  await page.getByRole('row').filter({ hasText: 'AC-01' }).getByRole('link', { name: 'Remediation task open' }).click();
  await expect(page.getByRole('heading', { name: 'Remediation', level: 2 })).toBeVisible();
  await expect(page.getByText('1 gap has no task yet: AC-05')).toBeVisible();

  await page.getByRole('button', { name: 'New task' }).click();
  const form = page.getByRole('form', { name: 'New task' });
  await form.getByLabel('Title').fill('Rotate the backup encryption key');
  await form.getByLabel('Kind').selectOption('maintenance');
  await form.getByLabel('Due date').fill(plusDays(today, -1));
  await form.getByRole('button', { name: 'Create task' }).click();
  const taskTable = page.getByRole('table');
  const keyTask = taskTable.getByRole('row').filter({ hasText: 'Rotate the backup encryption key' });
  await expect(keyTask.getByText('Overdue')).toBeVisible();

  const gapTask = taskTable.getByRole('row').filter({ hasText: 'Close gap: AC-01 Quarterly user access review' });
  await gapTask.getByRole('button', { name: 'Close gap: AC-01 Quarterly user access review' }).click();
  const detail = page.locator('section.task-detail');
  await expect(detail.getByRole('heading', { name: 'Close gap: AC-01 Quarterly user access review' })).toBeVisible();
  const taskForm = detail.getByRole('form', { name: 'Task details' });
  await taskForm.getByLabel('Owner').fill('Dana Ops');
  await taskForm.getByLabel('Due date').fill(plusDays(today, 10));
  await taskForm.getByLabel('Status').selectOption('done');
  await taskForm.getByRole('button', { name: 'Save task' }).click();
  // Done needs evidence of the fix or a note; there is neither yet.
  await expect(taskForm.getByText('Attach evidence of the fix, or explain in the notes how the gap was closed')).toBeVisible();
  await taskForm.getByLabel('Status').selectOption('in-progress');
  await taskForm.getByRole('button', { name: 'Save task' }).click();
  await expect(gapTask.getByText('Dana Ops')).toBeVisible();
  await expect(gapTask.getByText('In progress')).toBeVisible();

  const dir = await mkdtemp(join(tmpdir(), 'evidence-fix-'));
  const fixPath = join(dir, 'access-review-2026Q3.csv');
  await writeFile(fixPath, 'user,reviewer,decision\nalice,dana,keep\nmallory,dana,revoke\n');
  app.bridge.answerFileDialog([fixPath]);
  await detail.getByRole('button', { name: 'Attach files…' }).click();
  await expect(detail.getByRole('listitem').filter({ hasText: 'access-review-2026Q3.csv' })).toBeVisible();
  await expect(gapTask.getByText('1 item')).toBeVisible();

  await taskForm.getByLabel('Status').selectOption('done');
  await taskForm.getByLabel('Notes').fill('Q3 review held late; revoked one account.');
  await taskForm.getByRole('button', { name: 'Save task' }).click();
  await expect(gapTask.getByText('Done', { exact: true })).toBeVisible();
  await expect(detail.getByText('Saved.')).toBeVisible();
  await expect(page.getByText('All tasks of AC-01 are done, but Readiness still shows a gap.')).toBeVisible();
  await app.snap('31-remediation');

  // The evidence of the fix is the control's evidence too, filed under the Remediation step.
  await steps.getByRole('link', { name: 'Fieldwork' }).click();
  await page.getByRole('navigation', { name: 'Controls' }).getByRole('link', { name: /AC-01/ }).click();
  await expect(page.locator('section.detail').getByRole('article', { name: 'access-review-2026Q3.csv' })).toBeVisible();

  // --- Report: a qualified opinion with two exceptions.
  await steps.getByRole('link', { name: 'Report' }).click();
  await expect(page.getByRole('heading', { name: 'Report', level: 2 })).toBeVisible();
  await page.getByRole('radio', { name: /Qualified/ }).check();
  await page.getByLabel('Report date').fill(plusDays(periodEnd, 45));
  await page.getByLabel("Auditor's firm").fill('Smith & Partners CPAs');
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.getByRole('form', { name: 'The report received' }).getByText('Saved.')).toBeVisible();
  await expect(page.locator('.report-opinion-now')).toContainText('Qualified');

  await page.getByRole('button', { name: 'Add exception' }).click();
  const exceptionForm = page.getByRole('form', { name: 'Add an exception' });
  await exceptionForm.getByLabel('Control').selectOption({ label: 'AC-01 Quarterly user access review' });
  await exceptionForm.getByLabel("Auditor's description").fill('The Q3 user access review was performed 41 days after quarter end.');
  await exceptionForm.getByLabel("Management's response").fill('Reviews are now scheduled in the first week after each quarter.');
  await exceptionForm.getByRole('button', { name: 'Add exception' }).click();
  await page.getByRole('button', { name: 'Add exception' }).click();
  await page.getByRole('form', { name: 'Add an exception' }).getByLabel("Auditor's description").fill('One terminated user kept VPN access for 9 days.');
  await page.getByRole('form', { name: 'Add an exception' }).getByRole('button', { name: 'Add exception' }).click();

  const exceptions = page.getByRole('table');
  await expect(exceptions.getByRole('row', { name: 'Exception 1' })).toContainText('Responded');
  await expect(exceptions.getByRole('row', { name: 'Exception 1' })).toContainText('AC-01');
  await expect(exceptions.getByRole('row', { name: 'Exception 2' })).toContainText('Response needed');
  await expect(page.getByText('2 exceptions · 1 needs a management response')).toBeVisible();
  await app.snap('32-report');

  await exceptions.getByRole('button', { name: 'Edit exception 2' }).click();
  const editForm = page.getByRole('form', { name: 'Edit exception 2' });
  await expect(editForm.getByLabel("Auditor's description")).toHaveValue('One terminated user kept VPN access for 9 days.');
  await editForm.getByLabel("Management's response").fill('Offboarding now revokes VPN access through SSO.');
  await editForm.getByRole('button', { name: 'Save exception' }).click();
  await expect(exceptions.getByRole('row', { name: 'Exception 2' })).toContainText('Responded');
  await expect(page.getByText('2 exceptions · all have a management response')).toBeVisible();
  await exceptions.getByRole('button', { name: 'Remove exception 1' }).click();
  await exceptions.getByRole('row', { name: 'Exception 1' }).getByRole('button', { name: 'Remove' }).click();
  await expect(exceptions.getByRole('row')).toHaveCount(2);
  await expect(exceptions.getByRole('row', { name: 'Exception 1' })).toContainText('VPN access');

  // --- Maintain: what is due next.
  await steps.getByRole('link', { name: 'Maintain' }).click();
  await expect(page.getByRole('heading', { name: 'Maintain', level: 2 })).toBeVisible();
  const schedule = page.getByRole('table', { name: 'Evidence due' });
  const ac05 = schedule.getByRole('row').filter({ hasText: 'AC-05' });
  await expect(ac05).toContainText('Quarterly');
  await expect(ac05).toContainText('never');
  await expect(ac05).toContainText('Due soon');
  await expect(ac05).toContainText(periodEnd);
  await expect(ac05).toContainText('in 7 days');
  await expect(schedule.getByRole('row').filter({ hasText: 'AC-01' })).toContainText(today);
  // Per-event controls have no schedule.
  await expect(schedule.getByRole('row').filter({ hasText: 'CM-01' })).toHaveCount(0);
  const dueTasks = page.getByRole('table', { name: /Open tasks due/ });
  await expect(dueTasks.getByRole('row').filter({ hasText: 'Rotate the backup encryption key' })).toContainText('1 day overdue');
  await expect(dueTasks.getByRole('row').filter({ hasText: 'Rotate the backup encryption key' })).toContainText('Overdue');
  await expect(dueTasks.getByRole('row').filter({ hasText: 'Close gap' })).toHaveCount(0);
  await app.snap('33-maintain');

  await ac05.getByRole('link').click();
  await expect(page).toHaveURL(/#\/audits\/[^/]+\/fieldwork\/controls\/[^/]+$/);
  await expect(page.locator('section.detail').getByRole('heading', { name: 'Privileged access restricted' })).toBeVisible();
});
