import type { Page } from 'playwright-core';
import { launchChromium } from '@ledger/testing/chromium';
import { ADMIN_KEY, longHistory, type BenchStack } from '../support/bench-stack';
import { goal, sequential, summary } from '../support/measure';

/** Events a console timeline page shows (apps/console/src/people/timeline.tsx). */
const PAGE = 50;
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** From the find page to a person's grid and full first timeline page, drawn by the browser. */
async function openPerson(page: Page, subjectId: string, events: number): Promise<number> {
  await page.evaluate("window.location.hash = '#/find'");
  await page.getByLabel('Value to find').waitFor();
  const start = nowMs();
  await page.evaluate(`window.location.hash = '#/person/${subjectId}'`);
  await page.getByTestId('state-grid').waitFor();
  await page
    .getByTestId('timeline')
    .locator('li')
    .nth(Math.min(PAGE, events) - 1)
    .waitFor();
  return nowMs() - start;
}

/**
 * The console opening a 10,000-event subject in Debian's Chromium: against the 1 s bound of
 * issue 16, against a 100-event subject (the cost must not grow with the history), and beside
 * the raw driver reading what the page shows (the record and one page of history slots).
 */
export async function consoleOpen(stack: BenchStack, lengths: number[], opens: number) {
  for (const length of lengths) await stack.produce(longHistory(`bench-console-${length}`, length));
  await stack.caughtUp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${stack.apiUrl}/console/`);
    await page.getByLabel('API key (console scope)').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    const subjects = stack.db.collection<{ _id: string }>('subjects');
    const history = stack.db.collection<{ _id: string }>('subject_history');
    const byLength = [];
    for (const length of lengths) {
      const subjectId = `bench-console-${length}`;
      for (let n = 0; n < 3; n++) await openPerson(page, subjectId, length); // warm caches and JIT
      const times: number[] = [];
      for (let n = 0; n < opens; n++) times.push(await openPerson(page, subjectId, length));
      const raw = await sequential(opens, async () => {
        await subjects.findOne({ _id: subjectId });
        const from = Math.max(0, length - PAGE);
        await Promise.all(
          Array.from({ length: length - from }, (_, i) =>
            history.findOne({ _id: `${subjectId}#${from + i}` }),
          ),
        );
      });
      byLength.push({ events: length, console: summary(times), rawDriver: raw });
    }
    const [shortest, longest] = [byLength[0], byLength[byLength.length - 1]];
    return {
      results: byLength,
      goals: [
        goal(
          `console opens a ${longest.events}-event subject, p99 over the 1 s bound`,
          longest.console.p99Ms,
          1000,
          '<= 1',
        ),
        goal(
          `console open p50, ${longest.events}-event subject over ${shortest.events}-event subject`,
          longest.console.p50Ms,
          shortest.console.p50Ms,
          '<= 1.5',
        ),
      ],
    };
  } finally {
    await browser.close();
  }
}
