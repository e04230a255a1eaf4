import { oneLine } from '../domain/sanitize.js';

/** A Slack call that failed, as one sentence that says what to do. The notice stays pending. */
export class NoticeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoticeError';
  }
}

interface SlackLikeError {
  readonly code?: string;
  readonly data?: { readonly error?: string; readonly needed?: string };
  readonly retryAfter?: number;
  readonly statusCode?: number;
  readonly original?: { readonly message?: string; readonly code?: string; readonly cause?: { readonly code?: string } };
  readonly message?: string;
}

const FIXES: Record<string, (channel: string) => string> = {
  invalid_auth: () => 'Slack refused the token (invalid_auth): set SLACK_BOT_TOKEN to the bot token (xoxb-…) of the HyperFleet app',
  not_authed: () => 'Slack got no token (not_authed): set SLACK_BOT_TOKEN to the bot token (xoxb-…)',
  account_inactive: () => 'the Slack bot behind SLACK_BOT_TOKEN is deactivated (account_inactive): ask a Slack admin to restore it',
  token_revoked: () => 'the Slack token was revoked (token_revoked): set SLACK_BOT_TOKEN to a new bot token',
  not_in_channel: (channel) => `the bot is not in ${channel} (not_in_channel): invite it there with /invite @<bot name>, then send again`,
  channel_not_found: (channel) =>
    `Slack has no channel ${channel} that the bot can see (channel_not_found): check slack.channel in the config, and invite the bot to a private channel`,
  is_archived: (channel) => `${channel} is archived (is_archived): unarchive it or change slack.channel in the config`,
  msg_too_long: () => 'Slack says the message is too long (msg_too_long): shorten the free-text fields',
  invalid_blocks: () => 'Slack rejected the blocks (invalid_blocks): check the template in the notices file',
};

/**
 * Turns whatever @slack/web-api threw into a NoticeError with the fix in it. `channel` names
 * the channel for channel errors. The token never appears: messages are composed here, not echoed.
 */
export function describeSlackError(error: unknown, method: string, baseUrl: string, channel = 'the channel'): NoticeError {
  const e = (error ?? {}) as SlackLikeError;
  const code = e.data?.error;
  if (code === 'missing_scope') {
    return new NoticeError(
      `the Slack bot lacks the scope ${e.data?.needed ?? 'this call needs'} for ${method} (missing_scope): add it to the app and reinstall`,
    );
  }
  if (code) {
    const fix = FIXES[code];
    return new NoticeError(fix ? fix(channel) : `Slack refused ${method}: ${oneLine(code).slice(0, 80)}`);
  }
  if (e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') {
    return new NoticeError(`Slack is rate limiting ${method} (ratelimited): try again in ${e.retryAfter}s`);
  }
  if (e.code === 'slack_webapi_http_error') {
    return new NoticeError(`Slack answered HTTP ${e.statusCode} to ${method}; nothing is marked sent, so sending again is safe`);
  }
  const cause = e.original?.cause?.code ?? e.original?.code;
  const reason = cause ?? oneLine(e.original?.message ?? e.message ?? String(error));
  return new NoticeError(`cannot reach Slack at ${baseUrl} (${reason.slice(0, 120)}); nothing is marked sent, so sending again is safe`);
}
