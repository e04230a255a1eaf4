/**
 * Text from outside (GitHub titles, check names, journal notes, Slack replies) may carry
 * terminal control sequences that recolour, retitle or rewrite the user's terminal.
 * Everything from outside passes through here before it reaches a screen or a text report.
 */
const OSC_OR_STRING = /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g; // OSC, DCS, SOS, PM, APC
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?/g;
const ESCAPE = /\u001b[ -/]*[0-~]?/g; // two-byte and nF escapes, or a lone ESC
const C1_STRING = /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|$)/g;
const OTHER_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the
 * characters after them: "Trojan Source" text reads one way on screen and says another.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text
    .replace(OSC_OR_STRING, '')
    .replace(C1_STRING, '')
    .replace(CSI, '')
    .replace(ESCAPE, '')
    .replace(OTHER_CONTROLS, '')
    .replace(BIDI_CONTROLS, '');
}

/** For one-line fields (titles, names): control sequences gone, line breaks and tabs become spaces. */
export function oneLine(text: string): string {
  return stripControl(text)
    .replace(/[\t\n]+/g, ' ')
    .trim();
}

/**
 * What JSON.stringify leaves raw although a terminal acts on it: DEL, the C1 controls (U+009B
 * is a one-byte CSI) and the bidi controls. U+0000–U+001F it escapes already.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Every JSON the app prints or writes: JSON.stringify, with the characters above written as
 * \u escapes. They can only stand inside strings, so the JSON stays valid and reads back the
 * same text (lossless), and nothing in it can act on the terminal it is printed to.
 */
export function safeJson(value: unknown, indent = 2): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "not signed in (…)" → "Not signed in (…)": a phrase made to go inside a sentence, starting one. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
