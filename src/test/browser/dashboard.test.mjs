// Drives the dashboard in Debian's Chromium against a running leakpath demo: signs in with an API token,
// loads every view, follows an attack path from the overview to its alert, runs an explorer template and
// navigates by keyboard; triages alerts from an alert's page (dismiss, assign, revoke, a suppression rule's
// dry run) and in bulk from a repository's list, each to its applied state at the demo's fake GitHub; pages
// through lists, checks the graph's direction, that a late answer is discarded and that every view fits a 400 px screen. Writes screenshots and each page's text to OUT_DIR; exits
// non-zero on any failure, console error or CSP violation. Started by DashboardBrowserTests with BASE_URL,
// API_TOKEN and OUT_DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { check, checkRanked, factorsAddUp, fitsNarrowScreen, internetPointsAtRepository, lateAnswerIsDiscarded,
  noStrayText, pagesThrough, scores }
  from './checks.mjs';

const { BASE_URL, API_TOKEN, OUT_DIR } = process.env;
if (!BASE_URL || !API_TOKEN || !OUT_DIR) {
  console.error('BASE_URL, API_TOKEN and OUT_DIR are needed');
  process.exit(2);
}
mkdirSync(join(OUT_DIR, 'text'), { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const problems = [];
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
page.on('console', message => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
page.on('pageerror', error => problems.push(`page error: ${error.message}`));
page.setDefaultTimeout(15000);
// requests still waiting for an answer, printed if a step times out
const pending = new Map();
page.on('request', request => pending.set(request, `${request.method()} ${request.url()} at ${new Date().toISOString()}`));
page.on('requestfinished', request => pending.delete(request));
// a navigation aborts the previous page's requests: logged, not a problem
page.on('requestfailed', request => {
  pending.delete(request);
  console.log(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
});

async function capture(name) {
  if (name !== 'signin' && name !== 'swagger-ui') await noStrayText(page, name);
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage: true });
  writeFileSync(join(OUT_DIR, 'text', `${name}.txt`), await page.innerText('body'));
  console.log(`ok ${name}: ${page.url()}`);
}

async function rows(selector = 'main table tbody tr') {
  await page.waitForSelector(selector);
  return page.locator(selector).count();
}

try {
  await page.goto(BASE_URL);
  await page.waitForSelector('#api-token');
  await capture('signin');
  await page.fill('#api-token', 'not-the-token');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.error');
  await page.fill('#api-token', API_TOKEN);
  await page.keyboard.press('Enter');

  await page.waitForSelector('#open-alerts');
  // before sign-in the API answered 401, which is how the page knew to ask: those are not problems
  problems.length = 0;
  const open = Number(await page.innerText('#open-alerts'));
  check(open > 0, `overview shows ${open} open alerts`);
  check(await page.locator('figure.chart').count() >= 5, 'overview draws its charts');
  for (const figure of ['critical-paths', 'high-paths', 'valid-secrets', 'public-repositories', 'reachable-targets']) {
    check(/^\d+$/.test((await page.innerText(`#${figure} .big`)).trim()), `the overview's headline shows ${figure}`);
  }
  check(Number(await page.innerText('#reachable-targets .big')) > 0, 'the demo has reachable targets');
  checkRanked(await scores(page, 'main table >> nth=0 >> tbody .risk'), 'the overview\'s riskiest paths');
  check(await page.locator('a.target-link').count() >= 1, 'the overview lists its top targets');
  await capture('overview');

  // overview → attack path → its alert
  const pathLink = page.locator('a.attack-path-link').first();
  check(await pathLink.count() === 1, 'overview lists an attack path');
  const pathName = await pathLink.innerText();
  await pathLink.click();
  await page.waitForSelector('svg.graph');
  check((await page.innerText('main h1')) === pathName, 'attack path page is the one clicked');
  check(await page.locator('svg.graph g.node').count() >= 2, 'the path is drawn with its nodes');
  const why = await page.innerText('#risk-factors h2');
  await factorsAddUp(page, '#risk-factors', Number(why.replace(/\D+/g, '')), 'the attack path\'s score');
  await capture('attack-path');
  await page.locator('a.evidence-link').first().click();
  await page.waitForSelector('#target');
  check(/ in /.test(await page.innerText('main h1')), 'alert page names the secret type and repository');
  check(await rows() >= 1, 'alert page lists its locations');
  await capture('alert');

  // keyboard: focus the Repositories link and follow it with Enter
  await page.focus('nav a[href="#/repositories"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.location.hash === '#/repositories');
  check(await rows() >= 1, 'repositories are listed');
  check((await page.locator('nav a[aria-current="page"]').innerText()) === 'Repositories', 'the current view is marked');
  await capture('repositories');
  await page.locator('main table tbody a').first().click();
  await page.waitForFunction(() => window.location.hash.startsWith('#/alerts?repository='));
  check(await rows('a.alert-link') >= 1, 'a repository leads to its alerts');
  await capture('alerts');

  await page.goto(`${BASE_URL}/#/attack-paths`);
  check(await rows('a.attack-path-link') >= 1, 'attack paths are listed');
  checkRanked(await scores(page), 'the attack-path list');
  check(await page.locator('main tbody .secret-type').count() >= 1, 'the attack-path list shows each secret\'s type');
  await capture('attack-paths');

  // grouped by target: the targets, worst first, each leading to the paths that reach it
  await page.goto(`${BASE_URL}/#/targets`);
  await page.waitForSelector('a.target-link');
  checkRanked(await scores(page), 'the targets');
  const targetName = await page.locator('a.target-link').first().innerText();
  await page.locator('a.target-link').first().click();
  await page.waitForFunction(() => window.location.hash.includes('target='));
  await page.waitForFunction(() => document.querySelectorAll('a.attack-path-link').length > 0
    && document.querySelector('main p.muted')?.textContent.startsWith('Paths to'));
  const reached = await page.locator('main tbody tr td:nth-child(5)').allInnerTexts();
  check(reached.length > 0 && reached.every(text => text.includes(targetName)),
    `a target leads to the paths that reach it (${targetName}): ${reached.join(', ')}`);
  checkRanked(await scores(page), 'the paths to one target');
  await capture('targets');

  // the demo's Azure DevOps alerts reach their targets through the files at their commits
  const adoPathNames = [
    'Publicly accessible Azure DevOps repository contains an exposed secret with lateral movement to a Storage Account',
    'Azure DevOps repository contains an exposed secret with lateral movement to a SQL database'];
  await page.goto(`${BASE_URL}/#/attack-paths?provider=azure_devops`);
  // the list of all providers may still be on the page for a moment: wait for the filtered one, then say what is missing
  await page.waitForFunction(names => names.every(name => [...document.querySelectorAll('a.attack-path-link')]
    .some(link => link.textContent === name)), adoPathNames).catch(() => {});
  const adoPaths = await page.locator('a.attack-path-link').allInnerTexts();
  for (const name of adoPathNames) {
    check(adoPaths.includes(name), `attack paths list "${name}"`);
  }
  await capture('attack-paths-azure-devops');

  // a public repository's path to a resource: the Internet reaches the repository, which holds the secret
  const publicPath = await page.evaluate(async token => {
    const answer = await fetch('/api/v1/attack-paths?limit=500', { headers: { Authorization: `Bearer ${token}` } });
    return (await answer.json()).items.find(path => path.publicEntry && path.target)?.id;
  }, API_TOKEN);
  check(publicPath, 'the demo has an attack path from a public repository to a resource');
  await page.goto(`${BASE_URL}/#/attack-paths/${publicPath}`);
  await page.waitForSelector('svg.graph g.node-internet');
  await internetPointsAtRepository(page);
  check(await page.locator('svg.graph .edge[data-to="internet"]').count() === 0, 'no arrow points into the Internet');
  const secretTitle = (await page.locator('svg.graph g.node-secret .node-title').allTextContents()).join(' ');
  const secretSubtitle = await page.locator('svg.graph g.node-secret .node-subtitle').textContent();
  check(secretTitle && secretSubtitle && !secretTitle.includes(secretSubtitle),
    `the secret is titled by its type, its masked preview below: "${secretTitle}" / "${secretSubtitle}"`);
  check(await page.locator('svg.graph g.node-cloudResource title').count() >= 1, 'a resource has its full type on hover');
  await capture('attack-path-public');

  // lists page by the API's cursor, and a filter goes to the server
  await pagesThrough(page, BASE_URL, '#/alerts?limit=25', 'a.alert-link');
  await capture('alerts-paged');
  const ranked = await pagesThrough(page, BASE_URL, '#/attack-paths?limit=3', 'a.attack-path-link');
  check(ranked.first.length === 3, 'a page of the ranked paths holds the limit');
  await page.goto(`${BASE_URL}/#/attack-paths?limit=3`);
  await page.waitForSelector('a.next-page');
  const firstScores = await scores(page);
  await page.locator('a.next-page').click();
  await page.waitForFunction(() => window.location.hash.includes('cursor='));
  await page.waitForFunction(before => {
    const now = [...document.querySelectorAll('a.attack-path-link')].map(link => link.getAttribute('href'));
    return now.length > 0 && now.every(href => !before.includes(href));
  }, ranked.first);
  checkRanked([...firstScores, ...await scores(page)], 'two pages of ranked attack paths');
  await pagesThrough(page, BASE_URL, '#/inventory?limit=2', 'main tbody tr td:first-child');
  await pagesThrough(page, BASE_URL, '#/repositories?limit=3', 'a.repository-link');
  const repository = (await page.locator('a.repository-link').first().innerText()).split('/').pop();
  const part = repository.slice(1, 4).toUpperCase();
  await page.goto(`${BASE_URL}/#/repositories`);
  await page.fill('form.filters input[name="name"]', part);
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(text => window.location.hash.includes(`name=${text}`)
    && [...document.querySelectorAll('a.repository-link')].length > 0
    && [...document.querySelectorAll('a.repository-link')].every(link => link.textContent.toUpperCase().includes(text)), part);
  await capture('repositories-by-name');

  // a view whose answer comes after the next navigation does not replace it
  await lateAnswerIsDiscarded(page, BASE_URL, {
    slowApiPath: '/api/v1/attack-paths', slowAddress: '#/attack-paths', fastAddress: '#/inventory',
    fastReady: () => page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Inventory'
      && document.querySelectorAll('main tbody tr').length > 0),
  });

  await page.goto(`${BASE_URL}/#/explorer`);
  await page.waitForSelector('#explorer-template');
  await page.selectOption('#explorer-template', 'template:code-repositories-contain-secrets');
  await page.click('#explorer-run');
  await page.waitForSelector('#explorer-results table');
  check(await rows('#explorer-results tbody tr') >= 1, 'the explorer template finds repositories');
  check(!(await page.innerText('#explorer-summary')).includes('more matched'),
    `fewer matches than the limit are not "more": ${await page.innerText('#explorer-summary')}`);
  check(await page.locator('#explorer-graph g.node').count() >= 2, 'the explorer draws its result');
  check(await page.locator('#explorer-results a.explorer-link[href^="#/alerts?repository="]').count() >= 1,
    'explorer results link to their views');
  await capture('explorer');

  await page.goto(`${BASE_URL}/#/inventory`);
  check(await rows() >= 1, 'inventory lists assets');
  check((await page.innerText('main')).includes('acmeprodstore'), 'inventory shows the demo storage account');
  await capture('inventory');

  await page.goto(`${BASE_URL}/#/notifications`);
  await page.waitForSelector('main h2');
  check((await page.innerText('main h1')) === 'Notifications', 'notifications view loads');
  await capture('notifications');

  await page.goto(`${BASE_URL}/#/health`);
  check(await rows() >= 1, 'health lists the polled sources');
  await capture('health');

  // how fast alerts are fixed: the demo's resolved alerts by secret type, slowest first, and the weekly chart
  await page.goto(`${BASE_URL}/#/remediation?by=secretType`);
  await page.waitForSelector('.weeks-chart svg rect', { state: 'attached' });
  check(await rows() >= 1, 'remediation groups the resolved alerts by secret type');
  const means = await page.locator('main tbody tr td:nth-child(3)').allInnerTexts();
  check(means.every(text => /^[0-9.]+ [hd]$/.test(text)), `each group has a mean time to remediate: ${means.join(', ')}`);
  await capture('remediation');

  // triage: from an alert's page and in bulk from the list, carried out at the demo's fake GitHub
  const openGitHub = await page.evaluate(async token => {
    const answer = await fetch('/api/v1/alerts?provider=github&state=open&limit=200',
      { headers: { Authorization: `Bearer ${token}` } });
    return (await answer.json()).items.map(alert => ({ id: alert.id, type: alert.secretType, repository: alert.repository.fullName }));
  }, API_TOKEN);
  const token = openGitHub.find(alert => alert.type === 'github_personal_access_token');
  const others = openGitHub.filter(alert => alert !== token);
  check(token && others.length >= 3, 'the demo has open GitHub alerts to triage, one of them a personal access token');
  async function triageOnAlertPage(alertId, fill) {
    await page.goto(`${BASE_URL}/#/alerts/${alertId}`);
    await page.waitForSelector('#triage select[name="action"]');
    await fill();
    await page.click('#triage button[type="submit"]');
    await page.waitForSelector('#main .triage-command[data-status="done"]', { timeout: 30000 });
    return page.locator('#main .triage-items li').allInnerTexts();
  }
  let items = await triageOnAlertPage(others[0].id, async () => {
    await page.selectOption('#triage select[name="action"]', 'dismiss');
    await page.selectOption('#triage select[name="resolution"]', 'used_in_tests');
    await page.fill('#triage input[name="comment"]', 'a fixture of the test suite');
  });
  check(items.length === 1 && items[0].startsWith('applied'), `a dismissal from the alert page is applied: ${items}`);
  check(await page.locator('#triage select[name="action"] option[value="revoke"]').count() === 0,
    'revocation is not offered for a secret GitHub cannot revoke');
  await capture('alert-triaged');
  // suppressing alerts like it: the dry run of a rule built from the alert, and the lines for config
  await page.click('#suppress button[type="submit"]');
  await page.waitForSelector('#main .suppress-count');
  const wouldDismiss = Number((await page.innerText('#main .suppress-count')).match(/would dismiss (\d+)/)?.[1]);
  check(wouldDismiss >= 1, `a rule like the alert would dismiss it at least: ${wouldDismiss}`);
  check((await page.innerText('#main .suppress-result pre')).includes(`repositories: ["${others[0].repository}"]`),
    'the dry run shows the rule to add to config');
  await capture('alert-suppress-dry-run');
  items = await triageOnAlertPage(others[1].id, async () => {
    await page.selectOption('#triage select[name="action"]', 'assign');
    await page.fill('#triage input[name="assignee"]', 'octocat');
  });
  check(items.length === 1 && items[0].startsWith('applied'), `an assignment is applied: ${items}`);
  page.once('dialog', dialog => dialog.accept());
  items = await triageOnAlertPage(token.id, async () => {
    await page.selectOption('#triage select[name="action"]', 'revoke');
  });
  check(items.length === 1 && items[0].startsWith('applied'), `a personal access token is revoked and resolved: ${items}`);
  // bulk: two ticked alerts of one repository's list
  await page.goto(`${BASE_URL}/#/alerts?repository=${encodeURIComponent(others[2].repository)}&state=open`);
  await page.waitForSelector('#bulk-triage select[name="action"]');
  check((await page.innerText('main .triage h2')).includes(others[2].repository), 'the bulk panel names the repository');
  const ticks = page.locator('main input.triage-select');
  const ticked = Math.min(2, await ticks.count());
  for (let index = 0; index < ticked; index++) await ticks.nth(index).check();
  await page.selectOption('#bulk-triage select[name="action"]', 'dismiss');
  await page.selectOption('#bulk-triage select[name="resolution"]', 'false_positive');
  await page.click('#bulk-triage button[type="submit"]');
  await page.waitForSelector('#main .triage-command[data-status="done"]', { timeout: 30000 });
  items = await page.locator('#main .triage-items li').allInnerTexts();
  check(ticked >= 1 && items.length === ticked && items.every(text => text.startsWith('applied')),
    `a bulk dismissal of the ticked alerts is applied: ${items}`);
  await capture('alerts-bulk-triaged');

  // every view on a 400 px screen
  const pathId = publicPath;
  const alertHref = await page.evaluate(async token => {
    const answer = await fetch('/api/v1/alerts?limit=1', { headers: { Authorization: `Bearer ${token}` } });
    return `#/alerts/${(await answer.json()).items[0].id}`;
  }, API_TOKEN);
  const views = ['#/', '#/repositories', '#/alerts', alertHref, '#/attack-paths', `#/attack-paths/${pathId}`, '#/targets', '#/explorer',
    '#/inventory', '#/notifications', '#/health', '#/remediation'];
  await fitsNarrowScreen(page, BASE_URL, views, async address => {
    await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main p.muted')
      ?.textContent.startsWith('Loading'));
    if (address === '#/explorer') {
      await page.selectOption('#explorer-template', 'template:code-repositories-contain-secrets');
      await page.click('#explorer-run');
      await page.waitForSelector('#explorer-graph');
    }
    await capture(`narrow-${address.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overview'}`);
  });

  // the API's own documentation, under the same Content Security Policy
  await page.goto(`${BASE_URL}/swagger-ui.html`);
  await page.waitForSelector('.swagger-ui .info .title', { timeout: 60000 });
  check((await page.innerText('.swagger-ui .info .title')).includes('leakpath API'), 'Swagger UI shows the API');
  check(await page.locator('.opblock').count() >= 20, 'Swagger UI lists the operations');
  await capture('swagger-ui');

  check(problems.length === 0, `browser reported problems:\n${problems.join('\n')}`);
  console.log('dashboard: all views passed');
} catch (error) {
  await page.screenshot({ path: join(OUT_DIR, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(`dashboard test failed at ${page.url()}: ${error.message}`);
  if (problems.length) console.error(problems.join('\n'));
  if (pending.size) console.error(`requests without an answer:\n${[...pending.values()].join('\n')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
