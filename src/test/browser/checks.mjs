// Checks of the dashboard that several views share: paging by the API's cursor, no stray text, the narrow
// layout, the attack-path graph's direction and a late answer being discarded. Each waits for a condition
// with a deadline (Playwright's own), never for a fixed time.

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** No literal "null" or "undefined" on the page, and no bare text node straight under <main>. */
export async function noStrayText(page, name) {
  const text = await page.innerText('main');
  check(!/\b(null|undefined)\b/.test(text), `${name}: the page shows a literal null or undefined:\n${text.slice(0, 400)}`);
  const stray = await page.evaluate(() => [...document.querySelector('main').childNodes]
    .filter(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim()).map(node => node.textContent));
  check(stray.length === 0, `${name}: stray text under <main>: ${stray.join(' | ')}`);
}

/** What tells the rows apart: a link's address, or a cell's text. */
async function hrefs(page, selector) {
  return page.locator(selector).evaluateAll(cells => cells.map(cell => cell.getAttribute('href') ?? cell.textContent));
}

/**
 * Opens {@code address} (a list with more than one page of {@code limit}), follows "More …" and checks the
 * next page loads other rows, then "First …" leads back to the first ones.
 */
export async function pagesThrough(page, baseUrl, address, rowLinks) {
  await page.goto(`${baseUrl}/${address}`);
  await page.waitForSelector(`${rowLinks} >> nth=0`);
  const first = await hrefs(page, rowLinks);
  const next = page.locator('a.next-page');
  check(await next.count() === 1, `${address}: a list of more than one page offers its next page`);
  await next.click();
  await page.waitForFunction(() => window.location.hash.includes('cursor='));
  await page.waitForFunction(({ selector, before }) => {
    const now = [...document.querySelectorAll(selector)].map(cell => cell.getAttribute('href') ?? cell.textContent);
    return now.length > 0 && now.every(href => !before.includes(href));
  }, { selector: rowLinks, before: first });
  const second = await hrefs(page, rowLinks);
  check(second.every(href => !first.includes(href)), `${address}: the next page shows other rows`);
  await noStrayText(page, `${address} page 2`);
  await page.locator('a.first-page').click();
  await page.waitForFunction(({ selector, expected }) => {
    const now = [...document.querySelectorAll(selector)].map(cell => cell.getAttribute('href') ?? cell.textContent);
    return now.join() === expected.join();
  }, { selector: rowLinks, expected: first });
  return { first, second };
}

/** Every address at a 400 px wide viewport: the page is no wider than the screen. */
export async function fitsNarrowScreen(page, baseUrl, addresses, ready) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 400, height: 800 });
  try {
    for (const address of addresses) {
      await page.goto(`${baseUrl}/${address}`);
      await ready(address);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(width <= 400, `${address} is ${width} px wide on a 400 px screen`);
      await noStrayText(page, `${address} at 400 px`);
    }
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** The drawn edge from the Internet ends at the repository's box: the arrow reads Internet → repository. */
export async function internetPointsAtRepository(page) {
  const edge = page.locator('svg.graph .edge[data-from="internet"][data-to^="repository:"]');
  check(await edge.count() === 1, 'the graph draws an edge from the Internet to the repository');
  const geometry = await page.evaluate(() => {
    const line = document.querySelector('svg.graph .edge[data-from="internet"][data-to^="repository:"]');
    const box = id => {
      const rect = document.querySelector(`svg.graph g.node[data-id="${id}"] rect`).getBBox();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    };
    const end = line.tagName === 'line' ? { x: +line.getAttribute('x2'), y: +line.getAttribute('y2') }
      : line.getPointAtLength(line.getTotalLength());
    const start = line.tagName === 'line' ? { x: +line.getAttribute('x1'), y: +line.getAttribute('y1') }
      : line.getPointAtLength(0);
    return { start, end, internet: box('internet'), repository: box(line.dataset.to),
      marker: line.getAttribute('marker-end') };
  });
  const on = (point, rect) => point.x >= rect.x - 1 && point.x <= rect.x + rect.width + 1
    && point.y >= rect.y - 1 && point.y <= rect.y + rect.height + 1;
  check(on(geometry.start, geometry.internet) && on(geometry.end, geometry.repository) && geometry.marker,
    `the arrow starts at the Internet and its head is at the repository: ${JSON.stringify(geometry)}`);
}

/**
 * Holds the answer of {@code slowApiPath}, navigates to {@code slowAddress} and at once to {@code fastAddress};
 * once the fast view shows, lets the slow answer through: the dashboard must say it discarded it, and keep
 * the fast view.
 */
export async function lateAnswerIsDiscarded(page, baseUrl, { slowApiPath, slowAddress, fastAddress, fastReady }) {
  let release;
  const held = new Promise(resolve => { release = resolve; });
  let arrived;
  const requested = new Promise(resolve => { arrived = resolve; });
  const matches = url => new URL(url).pathname === slowApiPath;
  await page.route(matches, async route => {
    arrived();
    await held;
    await route.continue();
  });
  try {
    await page.goto(`${baseUrl}/${slowAddress}`);
    await requested;
    await page.goto(`${baseUrl}/${fastAddress}`);
    await fastReady();
    const title = await page.innerText('main h1');
    const discarded = page.waitForEvent('console',
      message => message.text().includes(`discarded the late answer of ${slowAddress.replace(/^\//, '')}`));
    release();
    await discarded;
    check((await page.innerText('main h1')) === title, `the late answer of ${slowAddress} replaced ${fastAddress}`);
  } finally {
    release();
    await page.unroute(matches);
  }
}

/** The scores of a list's risk cells ("critical 80"), top to bottom. */
export async function scores(page, selector = 'main tbody .risk') {
  return (await page.locator(selector).allInnerTexts()).map(text => Number(text.trim().split(/\s+/).pop()));
}

/** Scores never rise down the list. */
export function checkRanked(values, name) {
  check(values.length > 0 && values.every((value, index) => index === 0 || values[index - 1] >= value),
    `${name} is ranked by risk, highest first: ${values.join(', ')}`);
}

/** A score's listed factors add up to it (the sum, within 0–100). */
export async function factorsAddUp(page, listSelector, score, name) {
  const points = (await page.locator(`${listSelector} .points`).allInnerTexts())
    .map(text => Number(text.replace('−', '-').replace('+', '')));
  const sum = Math.max(0, Math.min(100, points.reduce((total, value) => total + value, 0)));
  check(points.length > 0 && sum === score, `${name}: factors ${points.join(' ')} add up to ${sum}, not ${score}`);
}
