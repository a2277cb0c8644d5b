// Takes the README screenshots of the Teams tabs in Debian's Chromium (the tests' browser), as the laptop's local
// user on the portfolio team: the board, a use case's page with its gate checklist, the value × feasibility matrix,
// "My ideas", and the board in Teams' dark theme.
//
// Usage: node screenshot-tabs.mjs <bot-url> [output-folder]
//   bot-url        the bot running on its embedded default with no tab sign-in, e.g. http://127.0.0.1:3978
//                  (dotnet run --project bot -- --Storage:DataPath=/tmp/tab-shots for a fresh store)
//   output-folder  default: docs/images at the repository root; writes tab-board.png, tab-usecase.png,
//                  tab-matrix.png, tab-my-ideas.png and tab-board-dark.png
//
// The script works the pages as the portfolio team would: it assesses a few use cases with the page's form (so the
// matrix has points), ticks a gate criterion with an evidence link, and submits an idea with the tab's form.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..', '..');
const [botUrl, outputFolder = path.join(repositoryRoot, 'docs', 'images')] = process.argv.slice(2);
if (!botUrl) {
  console.error('Usage: node screenshot-tabs.mjs <bot-url> [output-folder]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.ADOPTIONBOT_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
const open = async (address) => page.goto(new URL(address, botUrl).toString(), { waitUntil: 'networkidle' });
const shot = async (name) => page.screenshot({ path: path.join(outputFolder, name) });

// The board's cards in assessment, proof of concept and pilot get an assessment each, by the page's form.
await open('/tabs/portfolio');
const links = await page.locator('.column').evaluateAll(columns => columns
  .filter(c => /Assessment|Proof of concept|Pilot/.test(c.querySelector('h2').textContent))
  .flatMap(c => [...c.querySelectorAll('li.card a')].slice(0, 4).map(a => a.getAttribute('href'))));
const scores = [[5, 4], [4, 4], [3, 5], [5, 2], [2, 3], [4, 2], [3, 3], [2, 5], [5, 5], [1, 2], [4, 5], [3, 1]];
for (const [i, href] of links.entries()) {
  await open('/' + href);
  await page.locator('details > summary').first().click();
  await page.fill('#a-value', String(scores[i % scores.length][0]));
  await page.fill('#a-value-why', 'Hours saved a week across the unit, from the owner\'s estimate.');
  await page.fill('#a-feasibility', String(scores[i % scores.length][1]));
  await page.fill('#a-feasibility-why', 'The data is in systems we already connect to the AI Gateway.');
  await page.selectOption('#a-data', i % 3 === 2 ? 'partly' : 'available');
  await page.fill('#a-reuse', 'Nothing in the catalogue does this yet');
  await page.fill('#a-success', 'Half the time per case in the pilot group, measured over four weeks');
  await page.getByRole('button', { name: 'Save the assessment' }).click();
  await page.waitForLoadState('networkidle');
}

await open('/tabs/portfolio');
await shot('tab-board.png');

// A use case in proof of concept: tick the security review with its ticket, then picture the page at its gate.
await open('/tabs/portfolio');
const poc = await page.locator('.column').filter({ has: page.getByRole('heading', { name: /Proof of concept/ }) }).locator('li.card a').first();
await poc.click();
await page.waitForLoadState('networkidle');
const security = page.locator("li[data-criterion='security-review']");
await security.locator('input[type=url]').fill('https://tickets.example/SEC-4711');
await security.getByRole('button', { name: 'Tick' }).click();
await page.waitForLoadState('networkidle');
await page.locator('#gate').scrollIntoViewIfNeeded();
await page.evaluate(() => window.scrollBy(0, -160));
await shot('tab-usecase.png');

await open('/tabs/portfolio/matrix');
await shot('tab-matrix.png');

await open('/tabs/my-ideas/new');
await page.fill('#i-title', 'Meeting minutes drafter for supplier reviews');
await page.fill('#i-problem', 'Minutes of our weekly supplier reviews take an hour each to write up and send round.');
await page.selectOption('#i-unit', { index: 1 });
await page.selectOption('#i-class', 'internal');
await page.getByRole('button', { name: 'Submit the idea' }).click();
await page.waitForLoadState('networkidle');
await open('/tabs/my-ideas');
await shot('tab-my-ideas.png');

await open('/tabs/portfolio?theme=dark');
await shot('tab-board-dark.png');
await browser.close();
console.log(`Wrote tab-board.png, tab-usecase.png, tab-matrix.png, tab-my-ideas.png and tab-board-dark.png to ${outputFolder}`);
