/**
 * The feedback parts of a message: 👍/👎 under an answer, the "what was wrong?" form after a
 * 👎, and the private acknowledgement of a vote. Custom ids come from the caller, which owns
 * their format; the wording is here, per language.
 */
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { Reason } from '../../feedback/types.js';
import type { Lang } from '../../text/language.js';
import { LIMITS, type RenderedMessage } from './limits.js';
import { escapeMarkdown } from './markdown.js';

interface FeedbackWording {
  helpful: string;
  notHelpful: string;
  thanks: (up: number, down: number) => string;
  changed: string;
  unsaved: string;
  whyTitle: string;
  reasonLabel: string;
  reasons: Record<Reason, string>;
  commentLabel: string;
  explained: string;
  forgotten: (answers: number) => string;
}

const ZH_HANT: FeedbackWording = {
  helpful: '有幫助',
  notHelpful: '沒幫助',
  thanks: (up, down) => `謝謝回饋！目前 👍 ${up} · 👎 ${down}`,
  changed: '（已改票）',
  unsaved: '抱歉，現在無法記錄回饋；回答不受影響。',
  whyTitle: '哪裡不對？',
  reasonLabel: '原因',
  reasons: {
    'wrong-passage': '引錯段落',
    'not-in-article': '文章裡沒有',
    'bad-language': '語言不對',
    other: '其他',
  },
  commentLabel: '補充說明（可不填）',
  explained: '謝謝，已記下原因。',
  forgotten: (n) => `已刪除你的 ${n} 筆提問與所有投票，並清除對話記錄。`,
};

const WORDING: Record<Lang, FeedbackWording> = {
  'zh-Hant': ZH_HANT,
  'zh-Hans': {
    ...ZH_HANT,
    helpful: '有帮助',
    notHelpful: '没帮助',
    thanks: (up, down) => `谢谢反馈！目前 👍 ${up} · 👎 ${down}`,
    changed: '（已改票）',
    unsaved: '抱歉，现在无法记录反馈；回答不受影响。',
    whyTitle: '哪里不对？',
    reasonLabel: '原因',
    reasons: {
      'wrong-passage': '引错段落',
      'not-in-article': '文章里没有',
      'bad-language': '语言不对',
      other: '其他',
    },
    commentLabel: '补充说明（可不填）',
    explained: '谢谢，已记下原因。',
    forgotten: (n) => `已删除你的 ${n} 笔提问与所有投票，并清除对话记录。`,
  },
  en: {
    helpful: 'Helpful',
    notHelpful: 'Not helpful',
    thanks: (up, down) => `Thanks for the feedback! Now 👍 ${up} · 👎 ${down}`,
    changed: ' (vote changed)',
    unsaved: 'Sorry, feedback cannot be recorded right now; answers are not affected.',
    whyTitle: 'What was wrong?',
    reasonLabel: 'Reason',
    reasons: {
      'wrong-passage': 'Wrong passage',
      'not-in-article': 'Not in the article',
      'bad-language': 'Wrong language',
      other: 'Other',
    },
    commentLabel: 'Anything to add (optional)',
    explained: 'Thanks, the reason is noted.',
    forgotten: (n) =>
      `Deleted your ${n} question(s) and all your votes, and cleared your conversations.`,
  },
};

export interface FeedbackIds {
  up: string;
  down: string;
}

/**
 * The message with a row of 👍/👎 added, when a row is free: the answer itself never gives
 * way to the buttons.
 */
export function withFeedbackButtons(
  message: RenderedMessage,
  ids: FeedbackIds,
  lang: Lang,
): RenderedMessage {
  if (message.components.length >= LIMITS.rows) return message;
  const t = WORDING[lang];
  return {
    ...message,
    components: [
      ...message.components,
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: ids.up,
            emoji: { name: '👍' },
            label: t.helpful,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: ids.down,
            emoji: { name: '👎' },
            label: t.notHelpful,
          },
        ],
      },
    ],
  };
}

/** The line above an answer that shows how a follow-up was read, escaped so it shows as written. */
export function withUnderstoodNote(message: RenderedMessage, note: string | null): RenderedMessage {
  if (note === null) return message;
  const line = escapeMarkdown(note);
  const content = message.content ? `${line}\n${message.content}` : line;
  return content.length <= LIMITS.content ? { ...message, content } : message;
}

function notice(text: string): RenderedMessage {
  return { content: text, embeds: [], components: [] };
}

export function renderVoteThanks(
  lang: Lang,
  counts: { up: number; down: number; changed: boolean },
): RenderedMessage {
  const t = WORDING[lang];
  return notice(`${t.thanks(counts.up, counts.down)}${counts.changed ? t.changed : ''}`);
}

export function renderFeedbackUnsaved(lang: Lang): RenderedMessage {
  return notice(WORDING[lang].unsaved);
}

export function renderExplained(lang: Lang): RenderedMessage {
  return notice(WORDING[lang].explained);
}

export function renderForgotten(lang: Lang, answers: number): RenderedMessage {
  return notice(WORDING[lang].forgotten(answers));
}

/** Custom ids of the form's fields, which the submit handler reads back. */
export const WHY_FIELDS = { reason: 'reason', comment: 'comment' } as const;

/**
 * "What was wrong?": a select of reasons (a label-wrapped string select, which Discord
 * allows in modals since 2025 and discord.js 14.28 reads back) and optional free text.
 */
export function whyModal(
  customId: string,
  lang: Lang,
  reasons: readonly Reason[],
): APIModalInteractionResponseCallbackData {
  const t = WORDING[lang];
  return {
    custom_id: customId,
    title: t.whyTitle,
    components: [
      {
        type: ComponentType.Label,
        label: t.reasonLabel,
        component: {
          type: ComponentType.StringSelect,
          custom_id: WHY_FIELDS.reason,
          required: false,
          min_values: 0,
          max_values: 1,
          options: reasons.map((r) => ({ label: t.reasons[r], value: r })),
        },
      },
      {
        type: ComponentType.Label,
        label: t.commentLabel,
        component: {
          type: ComponentType.TextInput,
          custom_id: WHY_FIELDS.comment,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: 1000,
        },
      },
    ],
  };
}
