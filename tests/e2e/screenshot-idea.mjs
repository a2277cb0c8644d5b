// Takes the README screenshots of the idea form in the Microsoft 365 Agents Playground: the form filled in, and the
// confirmation card the bot puts in its place.
//
// Usage: node screenshot-idea.mjs <playground-url> [output-folder]
//   playground-url  the playground's web UI, e.g. http://127.0.0.1:56150/ (bot and playground already running)
//   output-folder   default: docs/images at the repository root; writes idea-form.png and idea-confirmation.png
//
// Runs Debian's Chromium (apt-get install -y chromium) headless through playwright-core, with a fresh profile, and
// uses the page as a person would: types "new idea" into the compose box, fills the fields of the rendered card,
// picks a business unit and a data classification from their drop-downs, and presses "Submit idea". The playground
// sends that Action.Execute to the bot as an adaptiveCard/action invoke and draws the card of the bot's invoke
// response in place of the form.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillIdeaForm, openPlayground, pressExecute } from './playground-browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..', '..');

const [playgroundUrl, outputFolder = path.join(repositoryRoot, 'docs', 'images')] = process.argv.slice(2);
if (!playgroundUrl) {
  console.error('Usage: node screenshot-idea.mjs <playground-url> [output-folder]');
  process.exit(2);
}

const idea = {
  title: 'Summarise supplier audit findings',
  problem: 'Supplier audit reports run to forty pages. Buyers read them line by line to find the findings that need a corrective action.',
  solution: 'Draft a one-page summary of the findings with their severity and the clause they refer to, for the buyer to check.',
  benefit: 'About 2 hours saved per audit, 300 audits a year',
  businessUnits: ['Purchasing', 'Quality'], // the first one the form offers is picked
  classification: 'Confidential',
};

// Tall enough for the whole form and its button above the compose box.
const session = await openPlayground(playgroundUrl, { width: 1280, height: 1100 });
const { page, close } = session;
try {
  const card = await fillIdeaForm(session, idea);

  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  fs.mkdirSync(outputFolder, { recursive: true });
  const formPicture = path.join(outputFolder, 'idea-form.png');
  await page.screenshot({ path: formPicture });
  console.log(`Saved ${formPicture}`);

  // "Submit idea" is an Action.Execute: the UI posts the invoke and redraws the card from the response.
  const response = await pressExecute(page, card.getByRole('button', { name: 'Submit idea' }));
  const texts = JSON.stringify(response.value ?? '');
  if (response.type !== 'application/vnd.microsoft.card.adaptive' || !/IDEA-\d+/.test(texts)) {
    throw new Error(`The bot did not confirm the idea: ${JSON.stringify(response)}`);
  }

  const ideaId = texts.match(/IDEA-\d+/)[0];
  await page.getByText(`your idea is ${ideaId}`).waitFor({ state: 'visible', timeout: 30_000 });
  await page.getByText('Your response was sent to the app').waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {});
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1_000);
  const confirmationPicture = path.join(outputFolder, 'idea-confirmation.png');
  await page.screenshot({ path: confirmationPicture });
  console.log(`Saved ${confirmationPicture} (${ideaId})`);
} finally {
  await close();
}
