// Ephemeral prompts with buttons: an issue's severity, a scope request's decision, and the modal
// that accepts a scope request.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Criterion } from '../../domain/poc.js';
import {
  issueSeverityActions,
  issueSeverityBlock,
  scopeAcceptAction,
  scopeAcceptModal,
  scopeDecisionBlock,
  scopeDeferAction,
} from '../ids.js';
import { shortDate } from './evaluation-kit.js';
import { clip, quoted } from './text.js';

/** `note`: said after the issue's text (e.g. that only part of it was kept). */
export function issueSeverityPrompt(
  issue: { id: number; number: number; text: string },
  note = '',
): { text: string; blocks: KnownBlock[] } {
  const text = `Issue #${issue.number} logged: ${quoted(issue.text, 2000)}${note}\nHow severe is it?`;
  const button = (label: string, actionId: string, style?: 'danger' | 'primary') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text: label },
    action_id: actionId,
    value: String(issue.id),
    ...(style ? { style } : {}),
  });
  return {
    text: `Issue #${issue.number} logged. How severe is it?`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: issueSeverityBlock,
        elements: [
          button('Blocker', issueSeverityActions.blocker, 'danger'),
          button('Limitation', issueSeverityActions.limitation),
          button('Cosmetic', issueSeverityActions.cosmetic),
        ],
      },
    ],
  };
}

export function scopeDecisionPrompt(
  request: { id: number; text: string },
  intro: string,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: `${intro} Defer it, or accept it with a new end date or a dropped criterion.`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${intro}\n>${quoted(request.text, 2000)}\nScope never grows for free: defer it to a later phase, or accept it with a new end date or a dropped criterion.`,
        },
      },
      {
        type: 'actions',
        block_id: scopeDecisionBlock,
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Defer to a later phase' },
            action_id: scopeDeferAction,
            value: String(request.id),
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Accept (needs new end date or a dropped criterion)' },
            action_id: scopeAcceptAction,
            value: String(request.id),
          },
        ],
      },
    ],
  };
}

export interface ScopeAcceptMetadata {
  requestId: number;
}

export function scopeAcceptView(input: {
  request: { id: number; text: string };
  endDate: string;
  criteria: Criterion[];
  metadata: ScopeAcceptMetadata;
}): ModalView {
  const options: PlainTextOption[] = input.criteria.slice(0, 100).map((c) => ({
    text: { type: 'plain_text', text: clip(`${c.position}. ${c.statement}`, 75) },
    value: String(c.id),
  }));
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Scope request #${input.request.id}*\n>${quoted(input.request.text, 2500)}` },
    },
    {
      type: 'input',
      block_id: scopeAcceptModal.newEndBlock,
      optional: true,
      label: { type: 'plain_text', text: `New end date (now ${shortDate(input.endDate)})` },
      element: { type: 'datepicker', action_id: scopeAcceptModal.newEndAction },
    },
  ];
  if (options.length > 0) {
    blocks.push({
      type: 'input',
      block_id: scopeAcceptModal.dropBlock,
      optional: true,
      label: { type: 'plain_text', text: 'Or drop a criterion to make room' },
      element: {
        type: 'static_select',
        action_id: scopeAcceptModal.dropAction,
        options,
        placeholder: { type: 'plain_text', text: 'Criterion to drop' },
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Accepting needs a new end date, a dropped criterion, or both.' }],
  });
  return {
    type: 'modal',
    callback_id: scopeAcceptModal.callbackId,
    private_metadata: JSON.stringify(input.metadata),
    title: { type: 'plain_text', text: 'Accept scope request' },
    submit: { type: 'plain_text', text: 'Accept' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
