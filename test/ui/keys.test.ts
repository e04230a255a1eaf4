import { describe, expect, it, vi } from 'vitest';
import type { Key } from 'ink';
import { createAppStore, type AppState } from '../../src/store/app-store.js';
import type { ActionPort, InputContext, ModeId } from '../../src/ui/input/binding.js';
import { handleInput, MODES, modeOf } from '../../src/ui/input/dispatch.js';
import { helpSections } from '../../src/ui/input/describe.js';
import { displayKey, pressedKeys } from '../../src/ui/input/keys.js';
import { helpLines } from '../../src/ui/components/HelpOverlay.js';
import { SCREENS } from '../../src/ui/screens/registry.js';
import { hotfixOpenForm, taskForm } from '../../src/ui/forms.js';
import { releaseSteps } from '../../src/ui/input/select.js';
import { bundledConfig } from '../helpers/demo-session.js';
import type { Outcome } from '../../src/domain/outcome.js';

/** Keys against a fake context: a store, and actions that only note what they were asked. No demo session. */
function fakeContext(patch: Partial<AppState> = {}) {
  const store = createAppStore({
    config: bundledConfig(),
    release: 'v0.4.0',
    journalPlace: '/nowhere',
    now: Date.parse('2026-11-18T10:00:00Z'),
    viewer: 'rh-amarin',
    ...patch,
  });
  const calls: string[] = [];
  const note =
    (name: string) =>
    (...args: unknown[]): Promise<Outcome> => (
      calls.push(`${name} ${JSON.stringify(args)}`),
      Promise.resolve({ kind: 'done', message: name })
    );
  const actions: ActionPort = {
    refresh: async () => void calls.push('refresh'),
    signInProblem: () => null,
    toggleTask: note('toggleTask'),
    approve: note('approve'),
    waive: note('waive'),
    approvalProblem: () => null,
    rolesToSign: () => [],
    waiverProblem: () => null,
    advanceDemo: note('advanceDemo'),
    undoable: () => ({ ok: false, reason: 'Nothing of yours to undo.' }),
    undoLast: note('undoLast'),
    openLink: note('openLink'),
    notices: {
      live: true,
      send: note('send'),
      fieldsOf: () => ({}),
      content: () => ({
        rendered: { text: '', blocks: [] },
        payload: {
          channel: '#c',
          text: '',
          blocks: [],
          metadata: { event_type: 'notice', event_payload: { key: 'k' } },
          link_names: false,
          unfurl_links: false,
          unfurl_media: false,
        },
      }),
    },
    claims: { holder: () => null, toggle: note('claim'), takeOver: note('takeOver') },
    hotfixes: {
      find: () => undefined,
      openSteps: () => [],
      open: note('open'),
      changeSeverity: note('changeSeverity'),
      correctReported: note('correctReported'),
      close: note('close'),
      handoff: () => '# handoff',
      saveHandoff: note('saveHandoff'),
      timeline: () => null,
    },
    rulebook: { use: note('use') },
    handovers: {
      channel: '#hyperfleet-release',
      draft: (by) => ({ headline: `Hand-over by @${by}`, sections: [{ title: 'Failing', lines: ['nothing'] }] }),
      lines: (text) => [text.headline, ...text.sections.flatMap((s) => [s.title, ...s.lines])],
      textOf: (h) => ({ headline: `Hand-over by @${h.by}`, sections: h.sections }),
      write: async () => {
        calls.push('write');
        const handover = { id: 'h1', at: 0, by: 'rh-amarin', sections: [] };
        store.setState((s) => ({ releaseState: { ...s.releaseState, handovers: [handover] } }));
        return { kind: 'done', message: 'Handed over', handover };
      },
      save: note('save'),
      post: note('post'),
    },
  };
  let exited = 0;
  const ctx: InputContext = { store, actions, columns: 100, bodyHeight: 20, exit: () => (exited += 1) };
  const key = (over: Partial<Key> = {}): Key => ({
    upArrow: false,
    downArrow: false,
    leftArrow: false,
    rightArrow: false,
    pageDown: false,
    pageUp: false,
    home: false,
    end: false,
    return: false,
    escape: false,
    ctrl: false,
    shift: false,
    tab: false,
    backspace: false,
    delete: false,
    meta: false,
    super: false,
    hyper: false,
    capsLock: false,
    numLock: false,
    ...over,
  });
  const type = (input: string, over: Partial<Key> = {}) => handleInput(ctx, input, key(over));
  return { ctx, store, calls, type, key, exits: () => exited };
}

/** Every state a mode opens in, on every screen. */
function modeStates(): Array<[string, Partial<AppState>]> {
  const base = fakeContext().store.getState();
  const step = releaseSteps(base)[0]!;
  return SCREENS.flatMap(({ id }): Array<[string, Partial<AppState>]> => [
    [`${id}: normal`, { screen: id }],
    [`${id}: a body form with choices`, { screen: id, form: { ...hotfixOpenForm(['a', 'b']), index: 1 } }],
    [`${id}: a footer form`, { screen: id, form: { ...taskForm(step, null), index: 0 } }],
    [`${id}: a question`, { screen: id, question: { text: 'Post?', yes: 'posts it', run: () => {} } }],
    [`${id}: the filter`, { screen: id, filtering: true }],
    [`${id}: the step pager`, { screen: id, pager: { kind: 'step', title: 't', lines: ['a'], scroll: 0 } }],
    [`${id}: the handoff pager`, { screen: id, pager: { kind: 'handoff', title: 't', lines: ['a'], hotfixKey: 'K', scroll: 0 } }],
    [`${id}: the hand-over pager`, { screen: id, pager: { kind: 'handover', title: 't', lines: ['a'], scroll: 0 } }],
    [`${id}: the help`, { screen: id, helpOpen: true }],
  ]);
}

describe('every key a mode handles is in the help for that mode', () => {
  it.each(modeStates())('%s', (_, patch) => {
    const { ctx, store } = fakeContext();
    store.setState(patch);
    const mode: ModeId = modeOf(store.getState());
    const sections = helpSections(ctx);
    const section =
      mode === 'normal'
        ? sections.filter((s) => !Object.values(MODES).some((m) => m.title === s.title))
        : sections.filter((s) => s.title === MODES[mode].title);
    expect(section.length).toBeGreaterThan(0);
    const help = helpLines(section)
      .map((l) => l.text)
      .join('\n');
    for (const binding of MODES[mode].bindings(ctx)) {
      for (const name of binding.keys) expect(help, `${mode}: ${name} (${binding.label})`).toContain(displayKey(name));
      expect(help).toContain(binding.group ?? binding.label);
    }
  });
});

describe('while something is open, no key reaches the screen', () => {
  it('in a form, letters and space are text: l does not switch screens, space does not tick', () => {
    const { store, calls, type } = fakeContext({ screen: 'checklist' });
    store.setState({ form: { ...hotfixOpenForm(['a']), index: 0 } });
    type('l');
    type(' ');
    type('2');
    expect(store.getState().screen).toBe('checklist');
    expect(store.getState().form?.fields[0]?.value).toBe('l 2');
    expect(calls).toEqual([]);
  });

  it('Ctrl-C closes a form; a second Ctrl-C quits', () => {
    const { store, type, exits } = fakeContext();
    store.setState({ form: { ...hotfixOpenForm(['a']), index: 0 } });
    type('c', { ctrl: true });
    expect(store.getState().form).toBeNull();
    expect(exits()).toBe(0);
    type('c', { ctrl: true });
    expect(exits()).toBe(1);
  });

  it('Esc followed at once by a key (one chunk) closes the pager, then the key runs', () => {
    expect(pressedKeys('5', fakeContext().key({ meta: true }))).toEqual([
      { name: 'escape', text: '' },
      { name: '5', text: '5' },
    ]);
    const { store, type } = fakeContext({ screen: 'checklist' });
    store.setState({ pager: { kind: 'step', title: 't', lines: ['a'], scroll: 0 } });
    type('5', { meta: true });
    expect(store.getState().pager).toBeNull();
    expect(store.getState().screen).toBe('notices');
  });

  it('several Backspaces in one chunk delete in the filter; they are never typed', () => {
    const { store, type } = fakeContext({ screen: 'status', filtering: true, filter: 'tier1' });
    type('\u007f\u007f\u007f');
    expect(store.getState().filter).toBe('ti');
  });

  it('a question takes y as yes; any other key is a no', () => {
    let asked = 0;
    const { store, type } = fakeContext({ screen: 'notices' });
    store.setState({ question: { text: 'Post?', yes: 'posts it', run: () => (asked += 1) } });
    type('2');
    expect(store.getState().question).toBeNull();
    expect(store.getState().screen).toBe('notices');
    store.setState({ question: { text: 'Post?', yes: 'posts it', run: () => (asked += 1) } });
    type('y');
    expect(asked).toBe(1);
  });
});

describe('forms keep what was typed', () => {
  it('Enter with a required field empty keeps the form open, marks the field, records nothing', () => {
    const { store, calls, type } = fakeContext({ screen: 'hotfix' });
    store.setState({ form: { ...hotfixOpenForm(['hyperfleet-api']), index: 5 } });
    type('\r', { return: true });
    expect(store.getState().form?.error).toEqual({ field: 'key', text: 'Tracking key is needed: e.g. HYPERFLEET-123' });
    expect(store.getState().form?.index).toBe(0);
    expect(calls).toEqual([]);
  });

  it('the report time is a placeholder, not text: typing starts an empty field, Ctrl-U clears one', () => {
    const { store, type } = fakeContext({ screen: 'hotfix' });
    const form = hotfixOpenForm(['hyperfleet-api']);
    expect(form.fields.find((f) => f.key === 'reported')).toMatchObject({ value: '', placeholder: 'now' });
    store.setState({ form: { ...form, index: 5 } });
    type('2h ago');
    expect(store.getState().form?.fields[5]?.value).toBe('2h ago');
    type('u', { ctrl: true });
    expect(store.getState().form?.fields[5]?.value).toBe('');
  });

  it('a report time that does not parse is refused at its field', () => {
    const { store, type, calls } = fakeContext({ screen: 'hotfix' });
    const form = hotfixOpenForm(['hyperfleet-api']);
    const fields = form.fields.map((f) => ({
      ...f,
      value: { key: 'HYPERFLEET-1', affects: 'v0.3.1', summary: 's', reported: 'soon' }[f.key] ?? f.value,
    }));
    store.setState({ form: { ...form, fields, index: 5 } });
    type('\r', { return: true });
    expect(store.getState().form?.error?.field).toBe('reported');
    expect(calls).toEqual([]);
  });
});

describe('W hands over', () => {
  it('W shows the draft; w records it once, then saves the recorded one', async () => {
    const { store, calls, type } = fakeContext();
    type('W');
    expect(store.getState().pager).toMatchObject({ kind: 'handover', lines: ['Hand-over by @rh-amarin', 'Failing', 'nothing'] });
    expect(store.getState().pager?.handoverId).toBeUndefined();
    type('w');
    await vi.waitFor(() => expect(calls).toContain('save [{"id":"h1","at":0,"by":"rh-amarin","sections":[]}]'));
    expect(store.getState().pager).toMatchObject({ kind: 'handover', handoverId: 'h1' });
    type('w');
    await vi.waitFor(() => expect(calls.filter((c) => c.startsWith('save'))).toHaveLength(2));
    expect(calls.filter((c) => c === 'write')).toHaveLength(1);
  });

  it('s asks first; y posts the recorded hand-over', async () => {
    const { store, calls, type } = fakeContext();
    type('W');
    type('s');
    expect(store.getState().question?.text).toBe('Record this hand-over and post it to #hyperfleet-release?');
    expect(calls).toEqual([]);
    type('y');
    await vi.waitFor(() => expect(calls.some((c) => c.startsWith('post ["h1"'))).toBe(true));
    expect(calls[0]).toBe('write');
  });

  it('s on a hand-over already posted says so at once, without asking as if it would post', async () => {
    const { store, calls, type } = fakeContext();
    const sent = { at: 0, by: 'rh-amarin', channel: 'C1', ts: '1.2', permalink: 'https://slack.example/p12' };
    store.setState((s) => ({
      releaseState: { ...s.releaseState, handovers: [{ id: 'h1', at: 0, by: 'rh-amarin', sections: [], notice: { sent } }] },
      pager: { kind: 'handover', title: 't', lines: ['a'], handoverId: 'h1', scroll: 0 },
    }));
    type('s');
    expect(store.getState().question).toBeNull();
    await vi.waitFor(() => expect(calls).toContain('post ["h1"]'));
  });

  it('without a login, W says why and opens nothing', () => {
    const { store, type } = fakeContext({ viewer: null });
    type('W');
    expect(store.getState().pager).toBeNull();
    expect(store.getState().flash?.text).toMatch(/sign|GitHub/i);
  });
});

describe("o opens the selected thing's link", () => {
  it('on the Status screen, the failing run of the selected layer', () => {
    const { store, calls, type } = fakeContext({ screen: 'status' });
    const url = 'https://prow.example/view/gs/test-platform-results/logs/e2e-tier1/2';
    store.setState({
      snapshot: {
        results: [{ layer: 'unit', component: 'hyperfleet-api', state: 'failed', url, fetchedAt: 0, source: 'commit-status' }],
        sources: [{ source: 'github', ok: true, lastSuccessAt: 0 }],
      },
    });
    type('o');
    expect(calls).toEqual([`openLink ${JSON.stringify([url])}`]);
  });
});
