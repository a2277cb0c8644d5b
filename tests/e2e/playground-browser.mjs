// Opens the Microsoft 365 Agents Playground's web UI in Debian's Chromium (headless, through playwright-core, with a
// fresh profile) and watches the playground's stream socket, on which the UI receives the bot's messages. Shared by
// the README screenshot scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * @param {string} playgroundUrl the playground's web UI, e.g. http://127.0.0.1:56150/
 * @param {{width: number, height: number}} viewport
 * @returns the page, the compose box, the bot's messages as they arrive, nextMessage(predicate, timeoutMs), close()
 */
export async function openPlayground(playgroundUrl, viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'adoptionbot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };

  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const botMessages = [];
    let notify = () => {};
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/_ws_conversation/')) return;
      socket.on('framereceived', ({ payload }) => {
        try {
          const frame = JSON.parse(String(payload));
          if (frame.action === 'createMessage' && frame.message) {
            botMessages.push(frame.message);
            notify();
          }
        } catch {
          // not JSON: ignore
        }
      });
    });
    const nextMessage = (predicate, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`No matching message within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const found = botMessages.find(predicate);
          if (found) {
            clearTimeout(timer);
            notify = () => {};
            resolve(found);
          }
        };
        notify = check;
        check();
      });

    await page.goto(playgroundUrl, { waitUntil: 'domcontentloaded' });
    const composeBox = page.locator('[data-lexical-editor="true"]');
    await composeBox.waitFor({ state: 'visible', timeout: 60_000 });
    // The UI installs the bot when it opens; let the welcome arrive first so what follows lands below it.
    await nextMessage(() => true, 30_000).catch(() => {});
    return { page, composeBox, botMessages, nextMessage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Types a message into the compose box and sends it. */
export async function send(page, composeBox, text) {
  await composeBox.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const submitIdeaVerb = 'idea.submit';

/**
 * Asks for the idea form ("new idea") until it offers business units (they come from the use-case catalogue, which
 * the bot reads after its start) and fills it in as a person would: the text fields, then a business unit and a data
 * classification from their drop-downs.
 * @param session what openPlayground returned
 * @param idea {title, problem, solution, benefit, businessUnits (the first one offered is picked), classification}
 * @returns the rendered card, a locator whose "Submit idea" button sends the form
 */
export async function fillIdeaForm({ page, composeBox, botMessages, nextMessage }, idea, timeoutMs = 5 * 60_000) {
  const formOf = (message) =>
    (message.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content)
      .find((card) => (card.actions ?? []).some((a) => a.type === 'Action.Execute' && a.verb === submitIdeaVerb));
  const choicesOf = (card, id) => card.body.find((e) => e.id === id)?.choices ?? [];

  const deadline = Date.now() + timeoutMs;
  let form;
  while (!form) {
    botMessages.length = 0;
    await send(page, composeBox, 'new idea');
    const reply = await nextMessage((m) => formOf(m) !== undefined, Math.max(1, deadline - Date.now()));
    if (choicesOf(formOf(reply), 'businessUnit').length > 0) {
      form = formOf(reply);
    } else if (Date.now() < deadline) {
      await page.waitForTimeout(3_000);
    } else {
      throw new Error('The idea form offers no business unit: is the use-case catalogue in the knowledge folder?');
    }
  }

  const offered = choicesOf(form, 'businessUnit').map((c) => c.title);
  const businessUnit = idea.businessUnits.find((b) => offered.includes(b)) ?? offered[0];

  const card = page.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: 'Submit idea' }) }).last();
  await card.waitFor({ state: 'visible', timeout: 30_000 });
  await card.getByRole('textbox', { name: /^Title/ }).fill(idea.title);
  await card.getByRole('textbox', { name: /^Problem to solve/ }).fill(idea.problem);
  await card.getByRole('textbox', { name: /^How GenAI could help/ }).fill(idea.solution);
  await card.getByRole('textbox', { name: /^Expected benefit/ }).fill(idea.benefit);
  await choose(page, card.getByRole('combobox', { name: /^Business unit/ }), businessUnit);
  await choose(page, card.getByRole('combobox', { name: /^Most sensitive data/ }), idea.classification);
  return card;
}

/** Opens a compact ChoiceSet (a Fluent UI combobox) and clicks the option with that title. */
export async function choose(page, combobox, title) {
  await combobox.click();
  await page.getByRole('option', { name: title, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
}

/** Clicks an Action.Execute button and returns the bot's invoke response ({type, value}) as the playground relays it. */
export async function pressExecute(page, button) {
  const invoked = page.waitForResponse((r) => r.url().includes('/_conversation/v1/invoke') && r.request().method() === 'POST', { timeout: 60_000 });
  await button.click();
  return (await invoked).json();
}
