// What the bot says to introduce itself: the short greeting when it is added to a channel (the
// customer reads it too, in a shared channel), and the onboarding at a user's first App Home visit.
import type { HomeView, KnownBlock } from '@slack/types';
import type { Load, PocSummary } from '../../domain/summary.js';
import type { OutgoingMessage } from '../message.js';
import { context, header } from './evaluation-kit.js';
import { portfolioBlocks } from './portfolio.js';

export function channelGreeting(): OutgoingMessage {
  const text =
    ":wave: Hi, I'm pocbot. I help run a proof of concept in this channel: pass/fail criteria agreed before it starts, a short daily standup, weekly checkpoints and a readout at the end.\n" +
    'To start, the sales engineer runs `/poc new` here. `/poc help` lists everything else.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function onboardingBlocks(): KnownBlock[] {
  return [
    header('Welcome to pocbot'),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          'pocbot runs a sales proof of concept inside the shared channel with your customer: written, measurable pass/fail criteria signed off before kickoff, ' +
          'a fixed end date, a daily async standup, weekly checkpoints, a nudge when the customer goes quiet, and a readout that walks every criterion with its evidence.',
      },
    },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          '*How to start*\n' +
          '1. Invite `@pocbot` to the channel you share with the customer.\n' +
          '2. Run `/poc new` there and write the success criteria, each with a number in it.\n' +
          "3. The customer's evaluator signs them off with a :white_check_mark: reaction, and the POC is on.",
      },
    },
    context('*Help:* `/poc help` in any channel lists every command. This tab shows the POCs you run as SE or AE.'),
    { type: 'divider' },
  ];
}

/** The App Home at a user's first visit: the onboarding, then their POCs (within the tab's 100 blocks). */
export function onboardingHomeView(open: PocSummary[], closed: PocSummary[], load: Load): HomeView {
  const intro = onboardingBlocks();
  return { type: 'home', blocks: [...intro, ...portfolioBlocks(open, closed, load, 100 - intro.length)] };
}
