/**
 * Tokens must never reach the screen, logs or the journal. Libraries sometimes echo request
 * headers or URLs in their errors; this removes anything that looks like a credential.
 */
const PATTERNS: RegExp[] = [
  /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g, // GitHub tokens
  /\b(github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/g, // Slack tokens
  /\b(bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

export function redactSecrets(text: string, known: readonly string[] = knownSecrets()): string {
  let out = text;
  for (const secret of known) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  for (const pattern of PATTERNS)
    out = out.replace(pattern, (match) => (/^(bearer|token)\s/i.test(match) ? `${match.split(/\s/)[0]} [redacted]` : '[redacted]'));
  return out;
}

function knownSecrets(): string[] {
  const { GITHUB_TOKEN, GH_TOKEN, SLACK_BOT_TOKEN } = process.env;
  return [GITHUB_TOKEN, GH_TOKEN, SLACK_BOT_TOKEN].filter((v): v is string => Boolean(v));
}
