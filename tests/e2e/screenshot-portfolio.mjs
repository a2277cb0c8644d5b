// Takes the README screenshots of the portfolio office's day in the Microsoft 365 Agents Playground: the triage card
// with the four first answers, the gate checklist a refused move gets, and the portfolio board's agenda.
//
// Usage: node screenshot-portfolio.mjs <playground-url> [output-folder]
//   playground-url  the playground's web UI, e.g. http://127.0.0.1:56150/ (bot and playground already running)
//   output-folder   default: docs/images at the repository root; writes portfolio-triage.png, portfolio-gate.png and
//                   portfolio-board.png
//
// The bot must know three of the playground's built-in users (see PLAYGROUND.md, "Screenshots"): Alex Wilber, the
// current user, and Megan Bowen on the portfolio team (Portfolio:Admins), Adele Vance on Legal's AI Act desk
// (Portfolio:LegalReviewers). Alex works in the web UI as a person would: submits an idea, sends "triage" and accepts
// it, opens it with "idea IDEA-…", presses "Move to Proof of concept", ticks the open item with an evidence link and
// asks again, then sends "board". Megan's assessment (the submitter may not assess) and Adele's sign-off are pressed
// through the playground's conversation API in its team's General channel; Alex's screening too, since its form is
// long and not what the pictures show.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillIdeaForm, openPlayground, pressExecute, send } from './playground-browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '..', '..');

const [playgroundUrl, outputFolder = path.join(repositoryRoot, 'docs', 'images')] = process.argv.slice(2);
if (!playgroundUrl) {
  console.error('Usage: node screenshot-portfolio.mjs <playground-url> [output-folder]');
  process.exit(2);
}

const idea = {
  title: 'Shift planning assistant for the paint shop',
  problem: 'Shift leads spend Friday afternoons matching 140 painters to next week\'s shifts, qualifications and leave by hand.',
  solution: 'Propose a draft rota from the qualifications matrix and the leave calendar for the shift lead to adjust and approve.',
  benefit: 'About 4 hours a week per shift lead, 12 shift leads',
  businessUnits: ['Production', 'Manufacturing'],
  classification: 'Confidential',
};
const assessor = 'user-id-1'; // Megan Bowen, portfolio team
const legal = 'user-id-2'; // Adele Vance, Legal
const replyTimeoutMs = 60_000;
fs.mkdirSync(outputFolder, { recursive: true });

const api = await playgroundApi(playgroundUrl);
const session = await openPlayground(playgroundUrl, { width: 1280, height: 1100 });
const { page, composeBox, botMessages, nextMessage, close } = session;
try {
  // Alex submits an idea through the form.
  const form = await fillIdeaForm(session, idea);
  const submitted = await pressExecute(page, form.getByRole('button', { name: 'Submit idea' }));
  const ideaId = JSON.stringify(submitted.value ?? '').match(/IDEA-\d+/)?.[0];
  if (!ideaId) throw new Error(`The bot did not confirm the idea: ${JSON.stringify(submitted)}`);
  await page.getByText(`your idea is ${ideaId}`).waitFor({ state: 'visible', timeout: 30_000 });

  // Morning: triage, with the four first answers of the new idea.
  const triage = await ask('triage', (card) => actions(card).some((a) => a.data?.ideaId === ideaId && a.data?.status === 'assessment'));
  const triageCard = renderedCard(`Triage:`);
  await triageCard.getByRole('button', { name: 'Ask for more information' }).waitFor({ state: 'visible', timeout: 30_000 });
  await picture('portfolio-triage.png');

  const accepted = await pressExecute(page, triageCard.getByRole('button', { name: 'Accept for assessment' }).last());
  expect(accepted, `${ideaId} moved from Submitted to Assessment`);

  // Megan assesses it in the team's General channel; Alex screens it: employment is an Annex III area.
  await api.install(api.generalChannel);
  const thread = await api.startThread(api.generalChannel, assessor, 'help');
  expect(await api.invoke(thread.conversationId, thread.messageId, assessor, 'portfolio.assess', {
    ideaId,
    value: '4',
    valueRationale: '12 shift leads save about 4 hours a week each.',
    feasibility: '3',
    feasibilityRationale: 'The qualifications matrix is in the plant system; leave comes from HR with the works council\'s consent.',
    dataAvailability: 'partly',
    reuseCheck: 'No use case in the catalogue plans shifts.',
    successCriteria: 'Shift leads accept 8 of 10 draft rotas with small edits; planning time halved.',
  }), 'score 12 of 25');
  expect(await api.invoke(api.personalChat, triage.messageId, api.currentUser, 'portfolio.screen', {
    ideaId,
    prohibited: '',
    safetyComponent: 'false',
    annexThree: 'employment',
    narrowTask: 'false',
    profiling: 'true',
    transparency: '',
    role: 'deployer',
  }), 'High-risk');

  // The gate: the move to proof of concept is refused with the checklist.
  await ask(`idea ${ideaId}`, (card) => actions(card).some((a) => a.data?.ideaId === ideaId && a.data?.status === 'poc'));
  const page1 = renderedCard(`${ideaId} `);
  const refused = await pressExecute(page, page1.getByRole('button', { name: 'Move to Proof of concept' }).last());
  expect(refused, 'cannot move to Proof of concept yet');
  const gateCard = renderedCard('cannot move to Proof of concept yet');
  const precheck = gateCard.getByText(/Data-protection pre-check passed/).first();
  await precheck.waitFor({ state: 'visible', timeout: 30_000 });
  await precheck.locator('xpath=following::input[1]').fill('https://dpo.example/checks/2026-118');
  await page.mouse.move(0, 0);
  await picture('portfolio-gate.png');

  const ticked = await pressExecute(page, precheck.locator('xpath=following::button[1]'));
  expect(ticked, 'Ticked for');
  await ask(`idea ${ideaId}`, (card) => actions(card).some((a) => a.data?.ideaId === ideaId && a.data?.status === 'poc'));
  const queued = await pressExecute(page, renderedCard(`${ideaId} `).getByRole('button', { name: 'Move to Proof of concept' }).last());
  expect(queued, 'on the agenda of the portfolio board');

  // Board week: Legal signs the high-risk move off, and the agenda shows it with the three decisions.
  const agenda = await ask('board', (card) => JSON.stringify(card).includes(ideaId));
  const signOff = actions(cardOf(agenda)).find((a) => a.verb === 'board.decide')?.data?.itemId;
  expect(await api.invoke(thread.conversationId, thread.messageId, legal, 'board.signoff', { itemId: signOff }), 'signed off for the board');
  await ask('board', (card) => JSON.stringify(card).includes('Adele Vance'));
  const boardCard = renderedCard('Adele Vance');
  await boardCard.getByRole('button', { name: 'Approve' }).waitFor({ state: 'visible', timeout: 30_000 });
  await picture('portfolio-board.png');
  console.log(`Walked ${ideaId} from the form to the board's agenda`);
} finally {
  await close();
}

// Sends a message in the UI and waits for the bot's card that matches; returns the message from the stream.
async function ask(text, matches) {
  botMessages.length = 0;
  await send(page, composeBox, text);
  return nextMessage((m) => cardOf(m) !== undefined && matches(cardOf(m)), replyTimeoutMs);
}

function cardOf(message) {
  return (message.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

// Every Action.Execute of a card, in its actions and in its action sets.
function actions(card) {
  const found = [];
  const walk = (node) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

// The last card the UI draws that holds this text.
function renderedCard(text) {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

function expect(response, text) {
  const all = typeof response === 'string' ? response : JSON.stringify(response.value ?? response);
  if (!all.includes(text)) throw new Error(`Expected "${text}" in the bot's answer: ${all}`);
}

async function picture(name) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1_000);
  const file = path.join(outputFolder, name);
  await page.screenshot({ path: file });
  console.log(`Saved ${file}`);
}

// The playground's conversation API, for what the other users press (see PLAYGROUND.md, "API").
async function playgroundApi(baseUrl) {
  const url = (p) => new URL(p, baseUrl).toString();
  const { config } = await (await fetch(url('/_internal/v1/testConfig'))).json();
  const generalChannel = (config.teams ?? []).flatMap((t) => t.channels ?? []).find((c) => c.name === 'General')?.id;
  if (!generalChannel) throw new Error('The playground has no team with a General channel.');
  return {
    personalChat: config.personalChat.id,
    currentUser: config.currentUser.id,
    generalChannel,
    async install(conversationId) {
      const response = await fetch(url(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!response.ok) throw new Error(`Installing the bot in ${conversationId}: HTTP ${response.status}`);
    },
    // A message that @mentions the bot in a channel; a card pressed there is pressed in this message's thread.
    async startThread(channelId, fromUserId, text) {
      const mention = `<at>${config.bot.name}</at>`;
      const response = await fetch(url(`/_conversation/v1/conversations/${encodeURIComponent(channelId)}/messages`), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: { id: fromUserId }, text: `${mention} ${text}`, textFormat: 'plain', mentions: [{ mentioned: { id: config.bot.id, name: config.bot.name }, text: mention }] }),
      });
      if (!response.ok) throw new Error(`Posting in ${channelId}: HTTP ${response.status} ${await response.text()}`);
      const { messageId, postConversationId } = await response.json();
      return { conversationId: postConversationId ?? `${channelId};messageid=${messageId}`, messageId };
    },
    async invoke(conversationId, replyToId, fromUserId, verb, data) {
      const response = await fetch(url('/_conversation/v1/invoke'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          from: { id: fromUserId },
          conversation: { id: conversationId },
          replyToId,
          value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
        }),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`${verb} by ${fromUserId}: HTTP ${response.status} ${body}`);
      return body;
    },
  };
}
