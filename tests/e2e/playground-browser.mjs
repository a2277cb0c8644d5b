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
