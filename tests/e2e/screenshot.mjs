// Takes the README screenshot of AdoptionBot answering in the Microsoft 365 Agents Playground.
//
// Usage: node screenshot.mjs <playground-url> [question] [output.png]
//   playground-url  the playground's web UI, e.g. http://127.0.0.1:56150/ (bot and playground already running)
//   question        default: "Can I paste customer data into ChatGPT?"
//   output.png      default: docs/images/playground-answer.png at the repository root
//
// Runs Debian's Chromium (apt-get install -y chromium) headless through playwright-core, with a fresh profile.
// It types the question into the playground's compose box, waits until the bot's answer with citations has
// arrived on the playground's stream socket and is shown with its citation markers, and saves the picture.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPlayground, send } from './playground-browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..', '..');

const [playgroundUrl, question = 'Can I paste customer data into ChatGPT?', output = path.join(repositoryRoot, 'docs', 'images', 'playground-answer.png')] =
  process.argv.slice(2);
if (!playgroundUrl) {
  console.error('Usage: node screenshot.mjs <playground-url> [question] [output.png]');
  process.exit(2);
}

const answerTimeoutMs = 5 * 60_000;
const indexingNotice = /still reading the knowledge base/i;

const { page, composeBox, botMessages, nextMessage, close } = await openPlayground(playgroundUrl, { width: 1280, height: 860 });
try {
  const deadline = Date.now() + answerTimeoutMs;
  let answer;
  while (!answer) {
    botMessages.length = 0;
    await send(page, composeBox, question);
    const reply = await nextMessage((m) => typeof m.text === 'string' && m.text.length > 0, Math.max(1, deadline - Date.now()));
    if (reply.aiEntity?.citation?.length > 0) {
      answer = reply;
    } else if (indexingNotice.test(reply.text) && Date.now() < deadline) {
      await page.waitForTimeout(3_000); // the bot is still indexing: ask again
    } else {
      throw new Error(`The bot answered without citations: ${JSON.stringify(reply)}`);
    }
  }

  // Wait until the answer is on screen with its AI label, then for its first citation marker, which the playground
  // draws as a numbered button only where the marker stands in a paragraph (in a list item it stays plain "[1]").
  await page.getByText('AI generated', { exact: true }).last().waitFor({ state: 'visible', timeout: 30_000 });
  const firstPosition = String(answer.aiEntity.citation[0].position);
  const marker = page.getByRole('button', { name: firstPosition, exact: true }).last();
  if (!(await marker.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) {
    console.warn(`Citation marker [${firstPosition}] is not drawn as a button: the playground only does so for markers in paragraphs.`);
  }
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1_000);

  fs.mkdirSync(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`Saved ${output}`);
} finally {
  await close();
}
