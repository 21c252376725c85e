import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '@ledger/testing/chromium';
import { adminCaller, readModelCaughtUp, useLedger } from '../support/test-ledger';

const NOTICE = { id: 'prospecting-notice', version: '2026-01' };
const SOURCE = { collectionPoint: 'e2e-console', method: 'web_form' };
const EMAIL = 'claire.console@example.fr';
/** Screenshots of each step, kept after the run as test artifacts (ignored by git). */
const SCREENSHOT_DIR = join(__dirname, '../../test-artifacts/console');

describe('the DPO console (issue 16), in Debian Chromium against the real ledger', () => {
  const ledger = useLedger('console', { projector: true });
  const call = adminCaller(ledger);
  let browser: Browser;
  let page: Page;
  let consoleKey: string;
  let eventsBefore: number;
  /** What the browser said went wrong: CSP refusals, script errors, failed requests. */
  const troubles: string[] = [];
  /** axe-core's serious and critical findings (WCAG 2 A and AA) on the page as it stands. */
  const accessibilityViolations = async (): Promise<string[]> => {
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = (await page.evaluate("axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })")) as {
      violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  const shot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    const minted = await call('POST', '/v1/api-keys', { name: 'dpo-console', scopes: ['console'] });
    expect(minted.status).toBe(201);
    consoleKey = minted.body.apiKey as string;
    expect(
      (await call('PUT', '/v1/subjects/c-claire', { kind: 'prospect', identifiers: { emails: [EMAIL] } }))
        .status,
    ).toBe(200);
    const consent = await call('POST', '/v1/subjects/c-claire/consents', {
      purpose: 'prospecting',
      channels: ['email'],
      source: SOURCE,
      notice: NOTICE,
      proof: { type: 'double_opt_in', ref: 'confirm-7781' },
    });
    expect(consent.status).toBe(201);
    // Received 40 days ago and not answered: overdue on the board.
    const request = await call('POST', '/v1/rights-requests', {
      subject: { subjectId: 'c-claire' },
      type: 'access',
      channel: 'email',
      receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    });
    expect(request.status).toBe(201);
    const transfer = await call('POST', '/v1/partner-transfers', {
      partner: 'mg-services',
      channel: 'email',
      subjects: [{ subjectId: 'c-claire' }],
    });
    expect(transfer.status).toBe(201);
    await readModelCaughtUp(ledger.config);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') troubles.push(message.text());
    });
    page.on('pageerror', (error) => troubles.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) troubles.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is served under /console with a strict content policy: its own scripts only, never framed', async () => {
    const redirect = await fetch(`${ledger.api.url}/console`, { redirect: 'manual' });
    expect([301, 302, 308]).toContain(redirect.status);
    expect(redirect.headers.get('location')).toBe('/console/');
    const index = await fetch(`${ledger.api.url}/console/`);
    expect(index.status).toBe(200);
    const policy = index.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    const asset = await fetch(`${ledger.api.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('refuses a key without the console scope, then signs in with a console key', async () => {
    const decisionsOnly = await call('POST', '/v1/api-keys', {
      name: 'no-console',
      scopes: ['decisions:read'],
    });
    await page.goto(`${ledger.api.url}/console/`);
    await page.getByLabel('API key (console scope)').fill(decisionsOnly.body.apiKey as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This key lacks the console scope.').waitFor();
    await page.getByLabel('API key (console scope)').fill('not-a-key-of-this-ledger');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Unknown or revoked key.').waitFor();
    await page.getByLabel('API key (console scope)').fill(consoleKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Console' }).waitFor();
    await shot('01-signed-in');
  });

  it('finds a person by email, with the keyboard, and shows their timeline with notice, proof and hashes', async () => {
    await page.getByLabel('Email').check();
    await page.getByLabel('Value to find').fill(EMAIL);
    await page.getByLabel('Value to find').press('Enter');
    await page.waitForURL(/#\/person\/c-claire$/);
    const timeline = page.getByTestId('timeline');
    const consent = timeline.locator('li[data-event-type="ConsentGiven"]');
    await consent.waitFor();
    const text = await consent.innerText();
    expect(text).toContain('prospecting-notice (2026-01)');
    expect(text).toContain('double_opt_in: confirm-7781');
    expect(text).toMatch(/[0-9a-f]{64}|[A-Za-z0-9_-]{43}/); // its chain hash
    // The email is not in the URL: it went in a POST body.
    expect(page.url()).not.toContain('example.fr');
    const cell = page.getByTestId('state-grid').getByRole('row', { name: /^prospecting\b/ });
    expect(await cell.innerText()).toContain('allowed');
    eventsBefore = Number(await page.getByTestId('event-count').innerText());
    await shot('02-person');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('shows a withdrawal appear in the timeline without reloading the page', async () => {
    const withdrawn = await call('POST', '/v1/subjects/c-claire/consent-withdrawals', {
      purpose: 'prospecting',
      channels: ['email'],
      source: SOURCE,
    });
    expect(withdrawn.status).toBe(201);
    const withdrawal = page.getByTestId('timeline').locator('li[data-event-type="ConsentWithdrawn"]');
    await withdrawal.waitFor({ timeout: 20_000 });
    // Newest first: the withdrawal is the first entry.
    expect(await page.getByTestId('timeline').locator('li').first().getAttribute('data-event-type')).toBe(
      'ConsentWithdrawn',
    );
    expect(await page.getByTestId('event-count').innerText()).toBe(String(eventsBefore + 1));
    await shot('03-withdrawal-in-timeline');
  });

  it('answers "why?" for a cell of the grid with the logged decision and its evidence', async () => {
    const row = page.getByTestId('state-grid').getByRole('row', { name: /^prospecting\b/ });
    await row.waitFor();
    await page.getByRole('button', { name: 'Why? prospecting · email' }).click();
    await page.waitForURL(/#\/decision\/[0-9a-f-]{36}$/);
    const decision = page.getByTestId('decision');
    await decision.waitFor();
    const text = await decision.innerText();
    expect(text).toContain('refused');
    expect(text).toContain('ConsentWithdrawn');
    await shot('04-why');
    // The decision just asked is now among the person's decisions, and explains itself from there.
    const decisionId = /#\/decision\/(.+)$/.exec(page.url())![1];
    await page.goBack();
    const listed = page.getByTestId('person-decisions').getByRole('link', { name: `Why? ${decisionId}` });
    await listed.waitFor();
    await listed.click();
    await page.waitForURL(new RegExp(`#/decision/${decisionId}$`));
    await page.getByTestId('decision').waitFor();
  });

  it('opens the rights board by deadline, the overdue request marked in words', async () => {
    await page.getByRole('link', { name: 'Rights requests' }).click();
    const board = page.getByTestId('rights-board');
    await board.waitFor();
    const overdue = board.locator('tr[data-urgency="overdue"]');
    await overdue.first().waitFor();
    expect(await overdue.first().innerText()).toContain('OVERDUE');
    expect(await overdue.first().innerText()).toContain('c-claire');
    await shot('05-rights-board');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('lists partner transfers and opens a manifest; charts choices and the projection lag', async () => {
    await page.getByRole('link', { name: 'Partner transfers' }).click();
    await page.getByTestId('transfers').locator('tbody tr a').first().click();
    await page.getByText('List hash (SHA-256)').waitFor();
    await shot('06-transfer-manifest');
    await page.getByRole('link', { name: 'Charts' }).click();
    await page.getByTestId('choices-chart').waitFor();
    await page.getByTestId('lag-chart').waitFor();
    await page.getByText('Show the data as a table').first().click();
    const table = await page.getByTestId('choices-chart').locator('details table').innerText();
    expect(table).toContain(new Date().toISOString().slice(0, 10));
    await shot('07-charts');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('speaks French, and signs out', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Demandes de droits' }).waitFor();
    await page.waitForFunction("document.documentElement.lang === 'fr'");
    await shot('08-french');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel("Clé d'API (portée console)").waitFor();
    expect(await accessibilityViolations()).toEqual([]);
    // The two refused sign-ins answered 401 and 403 on purpose; nothing else went wrong.
    expect(troubles.filter((t) => !/status of 40[13]|^40[13] \/v1\/rights-requests$/.test(t))).toEqual([]);
  });

  it('has an accessibility audit that does find faults (on a page made faulty on purpose)', async () => {
    const faulty = await browser.newPage();
    const previous = page;
    page = faulty;
    try {
      await page.setContent(
        '<html><body><img src="data:,"><input type="text"><button></button></body></html>',
      );
      const found = await accessibilityViolations();
      expect(found.join('\n')).toMatch(/image-alt/);
      expect(found.join('\n')).toMatch(/button-name/);
    } finally {
      page = previous;
      await faulty.close();
    }
  });

  it('gives a console key reads only: no write, no export, no key minting', async () => {
    const asConsole = (method: string, path: string, body?: unknown) =>
      fetch(`${ledger.api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${consoleKey}`, 'content-type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    expect((await asConsole('GET', '/v1/subjects/c-claire/history?limit=1')).status).toBe(200);
    expect(
      (
        await asConsole('POST', '/v1/subjects/c-claire/consents', {
          purpose: 'prospecting',
          channels: ['email'],
          source: SOURCE,
        })
      ).status,
    ).toBe(403);
    expect((await asConsole('GET', '/v1/subjects/c-claire/export')).status).toBe(403);
    expect((await asConsole('POST', '/v1/api-keys', { name: 'x', scopes: ['admin'] })).status).toBe(403);
  });
});
