import type { BlockTemplate, NoticeTemplate } from './config.js';
import { oneLine, stripControl } from './sanitize.js';

/**
 * Slack notices as pure data: escaping, templates filled from release data, Slack's limits, and
 * the exact payload of chat.postMessage. Sending (and not sending twice) is notify/'s job.
 */

/** Text that is already safe Slack mrkdwn: escaped values and links built here, never raw input. */
export interface Mrkdwn {
  readonly mrkdwn: string;
}
/** A plain string is escaped when filled in; a list becomes one line each. */
export type NoticeValue = string | Mrkdwn | readonly Mrkdwn[];

export const SLACK_LIMITS = { sectionText: 3000, headerText: 150, blocks: 50, fallbackText: 4000 } as const;
/** The `event_type` of the message metadata that carries a notice's key. */
export const NOTICE_EVENT_TYPE = 'hyperfleet_notice';

/**
 * Escapes outside text for mrkdwn: `&`, `<` and `>` become entities, so `<!channel>`,
 * `<@U123>`, `<!subteam^…>` or `<https://evil|docs>` arrive as harmless text.
 */
export function escapeMrkdwn(text: string): string {
  return stripControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const mrkdwn = (text: string): Mrkdwn => ({ mrkdwn: escapeMrkdwn(text) });

/** `<url|label>`, with the label escaped and the characters that would end the link encoded. */
export function link(url: string, label: string): Mrkdwn {
  if (!/^https?:\/\//.test(url)) return mrkdwn(label);
  const safeUrl = stripControl(url).replace(/[<>| ]/g, (c) => encodeURIComponent(c));
  return { mrkdwn: `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>` };
}

export const noticeKey = (subject: string, kind: string): string => `${subject}/${kind}`;

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9-]*)\}/g;

/** The placeholders a template uses, for the config loader to check. */
export function placeholdersOf(template: Pick<NoticeTemplate, 'text' | 'blocks'>): string[] {
  const texts = [template.text, ...template.blocks.flatMap((b) => (b.type === 'divider' ? [] : [b.text]))];
  return [...new Set(texts.flatMap((t) => [...t.matchAll(PLACEHOLDER)].map((m) => m[1]!)))];
}

const isList = (value: NoticeValue): value is readonly Mrkdwn[] => Array.isArray(value);

function asText(value: NoticeValue | undefined, plain: boolean): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return plain ? oneLine(value) : escapeMrkdwn(value);
  if (isList(value)) return value.map((line) => line.mrkdwn).join('\n');
  return (value as Mrkdwn).mrkdwn;
}

function fill(text: string, values: Readonly<Record<string, NoticeValue>>, plain = false): string {
  return text.replace(PLACEHOLDER, (_, name: string) => asText(values[name], plain));
}

/** Cuts at a line break when there is one, so an entity or a link is never split in half. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = text.slice(0, limit - 1);
  const lastBreak = room.lastIndexOf('\n');
  return `${lastBreak > limit / 2 ? room.slice(0, lastBreak) : room.replace(/[&<][^;>]*$/, '')}…`;
}

/**
 * Fills a mrkdwn text within `limit`: when a list makes it too long, the list keeps as many lines
 * as fit and ends with "…and N more", linking to `more` where the full list lives.
 */
function fillWithin(text: string, values: Readonly<Record<string, NoticeValue>>, limit: number): string {
  const full = fill(text, values);
  if (full.length <= limit) return full;
  const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => isList(values[name] ?? ''));
  const more = values['more'];
  for (const name of used) {
    const lines = values[name] as readonly Mrkdwn[];
    for (let keep = lines.length - 1; keep >= 0; keep--) {
      const rest = `…and ${lines.length - keep} more`;
      const tail: Mrkdwn = more && !isList(more) && typeof more !== 'string' ? { mrkdwn: `${rest}: ${more.mrkdwn}` } : { mrkdwn: rest };
      const shorter = fill(text, { ...values, [name]: [...lines.slice(0, keep), tail] });
      if (shorter.length <= limit) return shorter;
    }
  }
  return cut(full, limit);
}

export type SlackBlock =
  | { readonly type: 'header'; readonly text: { readonly type: 'plain_text'; readonly text: string; readonly emoji: true } }
  | { readonly type: 'section'; readonly text: { readonly type: 'mrkdwn'; readonly text: string } }
  | { readonly type: 'context'; readonly elements: ReadonlyArray<{ readonly type: 'mrkdwn'; readonly text: string }> }
  | { readonly type: 'divider' };

function renderBlock(block: BlockTemplate, values: Readonly<Record<string, NoticeValue>>): SlackBlock {
  switch (block.type) {
    case 'divider':
      return { type: 'divider' };
    case 'header':
      return {
        type: 'header',
        text: { type: 'plain_text', text: cut(fill(block.text, values, true), SLACK_LIMITS.headerText), emoji: true },
      };
    case 'section':
      return { type: 'section', text: { type: 'mrkdwn', text: fillWithin(block.text, values, SLACK_LIMITS.sectionText) } };
    case 'context':
      return { type: 'context', elements: [{ type: 'mrkdwn', text: fillWithin(block.text, values, SLACK_LIMITS.sectionText) }] };
  }
}

/** Trailing blank lines (an empty optional field) go; a block left with no text goes too (Slack rejects it). */
function tidy(block: SlackBlock): SlackBlock[] {
  const trim = (text: string) => text.replace(/\s+$/, '');
  switch (block.type) {
    case 'section': {
      const text = trim(block.text.text);
      return text ? [{ ...block, text: { ...block.text, text } }] : [];
    }
    case 'context': {
      const text = trim(block.elements[0]?.text ?? '');
      return text ? [{ ...block, elements: [{ type: 'mrkdwn', text }] }] : [];
    }
    default:
      return [block];
  }
}

export interface RenderedNotice {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

/**
 * Fills a template. `fields` are the free-text fields as the person edited them (defaults for
 * the rest); like every value, they are escaped.
 */
export function renderNotice(
  template: NoticeTemplate,
  values: Readonly<Record<string, NoticeValue>>,
  fields: Readonly<Record<string, string>> = {},
): RenderedNotice {
  const all: Record<string, NoticeValue> = { ...values };
  for (const field of template.fields) all[field.name] = fields[field.name] ?? field.default;
  return {
    text: fillWithin(template.text, all, SLACK_LIMITS.fallbackText),
    blocks: template.blocks
      .slice(0, SLACK_LIMITS.blocks)
      .map((block) => renderBlock(block, all))
      .flatMap((block) => tidy(block)),
  };
}

/** What chat.postMessage receives: mentions typed in data stay text (`link_names` off), and the key rides in metadata. */
export interface NoticePayload {
  readonly channel: string;
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
  readonly metadata: { readonly event_type: string; readonly event_payload: { readonly key: string } };
  readonly link_names: false;
  readonly unfurl_links: false;
  readonly unfurl_media: false;
}

export function noticePayload(rendered: RenderedNotice, channel: string, key: string): NoticePayload {
  return {
    channel,
    text: rendered.text,
    blocks: rendered.blocks,
    metadata: { event_type: NOTICE_EVENT_TYPE, event_payload: { key } },
    link_names: false,
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** The preview in the terminal: mrkdwn read as a person would see it in Slack. */
export function previewLines(rendered: RenderedNotice): string[] {
  const readable = (text: string): string =>
    text
      .replace(/<([^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return rendered.blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'divider':
        return ['────────'];
      case 'header':
        return [block.text.text, ''];
      case 'section':
        return [...readable(block.text.text).split('\n'), ''];
      case 'context':
        return block.elements.flatMap((e) => readable(e.text).split('\n'));
    }
  });
}
