// The reply lifecycle's transitions as a table, without React: from a state (reached by earlier
// snapshots), one more snapshot (or settle / flush) gives the next phase and the effects.
import { describe, expect, test, vi } from 'vitest'
import {
  advance,
  createReplyLifecycle,
  flush,
  initialReplyState,
  settle,
  supersedes,
  type ChatSnapshot,
  type ReplyEffect,
  type ReplyLifecycleState,
  type ReplyMessage,
  type ReplyPart,
} from '../../src/core/replyLifecycle'
import { createTrackerBase } from '../../src/core/tracker'
import { createKeyStore } from '../../src/core/keyStore'
import { segmentCopilot } from '../../src/specs/segmentCopilot'
import { createMemoryAnalytics } from '../../src/entries/testing'

const user = (id: string, text = 'Hi'): ReplyMessage => ({ id, role: 'user', parts: [{ type: 'text', text }] })
const reply = (id: string, ...parts: ReplyPart[]): ReplyMessage => ({ id, role: 'assistant', parts })
const text = (value: string, streaming = false): ReplyPart => ({ type: 'text', text: value, streaming })
const tool = (state: 'running' | 'waiting' | 'done' | 'failed', callId = 'k1'): ReplyPart => ({ type: 'tool', name: 'weather', callId, state })

const u1 = user('u1')
const u2 = user('u2', 'Again')
const streaming = reply('a1', text('Hel', true))
const done = reply('a1', text('Hello'))
const stopped = reply('a1', text('Hel', true))
const waiting = reply('a1', { type: 'step' }, text('Checking'), tool('waiting'))
const afterTool = reply('a1', { type: 'step' }, tool('done'))
const withTool = reply('a1', tool('done'), { type: 'file', mediaType: 'image/png', url: 'x' }, text('Sunny'))

type Status = ChatSnapshot['status']
const snap = (status: Status, messages: ReplyMessage[], chat = 'c1'): ChatSnapshot => ({ chat, conversationId: chat, status, messages })

/** Runs snapshots in order; returns the last state and the effects of the last step only. */
function run(snapshots: ChatSnapshot[], sendHistory = false) {
  let state: ReplyLifecycleState = initialReplyState
  let effects: ReplyEffect[] = []
  for (const snapshot of snapshots) ({ state, effects } = advance(state, snapshot, { sendHistory }))
  return { state, effects }
}

/** Effects in short: kind, message id, and the reply's status. */
const short = (effects: ReplyEffect[]) =>
  effects.map((effect) =>
    effect.type === 'reply'
      ? `reply ${effect.conversationId}/${effect.message.id} ${effect.status}${effect.live ? '' : ' (not live)'}`
      : effect.type === 'history' || effect.type === 'send'
        ? `${effect.type} ${effect.conversationId}/${effect.message.id}`
        : effect.type === 'progress'
          ? `progress ${effect.id}${effect.content ? ' content' : ''}`
          : effect.type === 'action'
            ? `action ${effect.tool.callId}`
            : effect.type === 'media'
              ? `media ${effect.index}`
              : effect.type,
  )

const base = [snap('idle', []), snap('busy', [u1])]

describe('advance: one snapshot after another', () => {
  test.each<[string, ChatSnapshot[], string | undefined, string[]]>([
    // name, snapshots (effects and phase of the last one), expected phase, expected effects
    ['history: present when tracking begins', [snap('idle', [u1, done])], undefined, ['history c1/u1', 'history c1/a1']],
    ['history: loaded after mount, before any request', [snap('idle', []), snap('idle', [u1, done])], undefined, ['history c1/u1', 'history c1/a1']],
    ['history: a failed chat restored', [snap('error', [u1, done])], undefined, ['history c1/u1', 'history c1/a1']],
    ['live: the user message of the first request', base, undefined, ['send c1/u1']],
    ['live: a request already streaming when tracking begins (only its reply)', [snap('busy', [u1, streaming])], 'streaming', ['history c1/u1', 'progress a1 content']],
    ['streaming: nothing sent but progress (once per change of content)', [...base, snap('busy', [u1, reply('a1')])], 'streaming', ['progress a1']],
    ['streaming: first content', [...base, snap('busy', [u1, reply('a1')]), snap('busy', [u1, streaming])], 'streaming', ['progress a1 content']],
    ['streaming: more tokens send nothing', [...base, snap('busy', [u1, streaming]), snap('busy', [u1, reply('a1', text('Hello', true))])], 'streaming', []],
    ['reported: finished in text', [...base, snap('busy', [u1, streaming]), snap('idle', [u1, done])], undefined, ['reply c1/a1 complete']],
    ['reported: first seen finished is still live', [...base, snap('idle', [u1, done])], undefined, ['reply c1/a1 complete']],
    ['reported: error', [...base, snap('busy', [u1, streaming]), snap('error', [u1, streaming])], undefined, ['reply c1/a1 error']],
    ['reported: then actions and media, in order', [...base, snap('idle', [u1, withTool])], undefined, ['reply c1/a1 complete', 'action k1', 'media 0']],
    ['reported: a live message appended by the app after a request', [...base, snap('idle', [u1, done]), snap('idle', [u1, done, reply('n1', text('Note'))])], undefined, ['reply c1/n1 complete']],
    ['settling: stopped mid-text', [...base, snap('busy', [u1, streaming]), snap('idle', [u1, stopped])], 'settling', ['settle']],
    ['settling: last step ended in tool calls', [...base, snap('busy', [u1, afterTool]), snap('idle', [u1, afterTool])], 'settling', ['settle']],
    ['settling: the same snapshot again does not restart the delay', [...base, snap('idle', [u1, stopped]), snap('idle', [u1, stopped])], 'settling', []],
    ['settling -> streaming: the SDK continues the same message', [...base, snap('idle', [u1, afterTool]), snap('busy', [u1, afterTool])], 'streaming', ['progress a1 content']],
    ['awaiting tool: the last step waits on a tool output or approval', [...base, snap('busy', [u1, waiting]), snap('idle', [u1, waiting])], 'awaiting-tool', []],
    ['awaiting tool -> reported: a later message follows it', [...base, snap('idle', [u1, waiting]), snap('busy', [u1, waiting, u2])], undefined, ['reply c1/a1 aborted', 'send c1/u2']],
    ['regenerated: a finished reply removed, its question unchanged, another request', [...base, snap('idle', [u1, done]), snap('busy', [u1])], undefined, ['regenerated']],
    ['regenerated: seen only once the new reply is there', [...base, snap('idle', [u1, done]), snap('idle', [u1, reply('a2', text('Other'))])], undefined, ['regenerated', 'reply c1/a2 complete']],
    ['not regenerated: the reply dropped with a new question after it (a thread rolled back)', [...base, snap('error', [u1, done]), snap('busy', [u1, user('u2')])], undefined, ['send c1/u2']],
    ['not regenerated: the question edited (its text changed)', [...base, snap('idle', [u1, done]), snap('busy', [user('u1', 'Edited')])], undefined, []],
    ['not regenerated: the reply removed and nothing asked', [...base, snap('idle', [u1, done]), snap('idle', [u1])], undefined, []],
    [
      'not regenerated: a branch picker back to an answer already handled',
      [...base, snap('idle', [u1, done]), snap('busy', [u1]), snap('idle', [u1, reply('a2', text('Other'))]), snap('idle', [u1, done])],
      undefined,
      [],
    ],
    ['settling -> reported: removed by regenerate', [...base, snap('idle', [u1, stopped]), snap('busy', [u1])], undefined, ['reply c1/a1 aborted', 'regenerated']],
    ['awaiting tool -> reported: removed by regenerate', [...base, snap('idle', [u1, waiting]), snap('busy', [u1])], undefined, ['reply c1/a1 aborted', 'regenerated']],
    [
      'regenerate, throttled: the new reply in its place is not a copy of the old one',
      [...base, snap('idle', [u1, stopped]), snap('busy', [u1, reply('a2', text('Other', true))])],
      'streaming',
      ['reply c1/a1 aborted', 'regenerated', 'progress a2 content'],
    ],
    // A stop ends the request: what takes the stopped reply's place comes from another request
    // (regenerate), not the SDK's id swap, even when it begins with the same text or both are empty.
    [
      'settling -> reported: a stopped reply replaced by a regenerated one that begins with its text',
      [...base, snap('busy', [u1, streaming]), snap('idle', [u1, stopped]), snap('busy', [u1, reply('a2', text('Hello', true))])],
      'streaming',
      ['reply c1/a1 aborted', 'regenerated', 'progress a2 content'],
    ],
    [
      'settling -> reported: a stopped reply and its regenerated one first seen finished, same beginning',
      [...base, snap('busy', [u1, streaming]), snap('idle', [u1, stopped]), snap('idle', [u1, reply('a2', text('Hello'))])],
      undefined,
      ['reply c1/a1 aborted', 'regenerated', 'reply c1/a2 complete'],
    ],
    [
      'settling -> reported: stopped before the first token, regenerated at once (both empty)',
      [...base, snap('busy', [u1, reply('a1', text('', true))]), snap('idle', [u1, reply('a1', text('', true))]), snap('busy', [u1, reply('a2', text('', true))])],
      'streaming',
      ['reply c1/a1 aborted', 'regenerated', 'progress a2'],
    ],
    [
      'superseded: the old id left in place, the whole message again under a new id',
      [...base, snap('busy', [u1, streaming]), snap('busy', [u1, streaming, reply('srv', text('Hello', true))])],
      'streaming',
      ['progress srv content'],
    ],
    [
      'superseded: a copy under a new id replaces the held reply in place',
      [...base, snap('idle', [u1, afterTool]), snap('busy', [u1, reply('srv', { type: 'step' }, tool('done'), text('Sunny', true))])],
      'streaming',
      ['progress srv content'],
    ],
    [
      'superseded: the old copy stays done with when the later copy is removed (regenerate), not a reply of its own',
      [
        ...base,
        snap('busy', [u1, streaming, reply('srv', text('Hel', true))]),
        snap('idle', [u1, streaming, reply('srv', text('Hello'))]),
        snap('busy', [u1, streaming]),
        snap('busy', [u1, streaming, reply('a2', text('Other', true))]),
      ],
      'streaming',
      ['progress a2 content'],
    ],
    ['history: an old copy left before its later copy is not counted', [snap('idle', [u1, streaming, reply('srv', text('Hello'))])], undefined, ['history c1/u1', 'history c1/srv']],
    ['chat switch: the streaming reply is reported into its own conversation', [...base, snap('busy', [u1, streaming]), snap('idle', [user('b1'), reply('b2', text('Old'))], 'c2')], undefined, ['reply c1/a1 aborted', 'history c2/b1', 'history c2/b2']],
    ['chat switch: a held reply too', [...base, snap('idle', [u1, waiting]), snap('idle', [], 'c2')], undefined, ['reply c1/a1 aborted']],
  ])('%s', (_name, snapshots, phase, effects) => {
    const result = run(snapshots)
    expect(result.state.held?.phase).toBe(phase)
    expect(short(result.effects)).toEqual(effects)
  })

  test('sendHistory: history is sent, without metrics, and held like a live reply when it waits', () => {
    expect(short(run([snap('idle', [u1, done])], true).effects)).toEqual(['send c1/u1', 'reply c1/a1 complete (not live)'])
    expect(run([snap('idle', [u1, waiting])], true).state.held?.phase).toBe('awaiting-tool')
  })

  test('advance is pure: the state and snapshot it was given are unchanged, and each message is handled once', () => {
    const before = run(base).state
    const handled = [...before.handled]
    const snapshot = snap('idle', [u1, done])
    const frozen = JSON.stringify(snapshot)
    const after = advance(before, snapshot)
    expect([...before.handled]).toEqual(handled)
    expect(JSON.stringify(snapshot)).toBe(frozen)
    expect(short(advance(after.state, snapshot).effects)).toEqual([])
  })
})

describe('settle and flush', () => {
  const settling = run([...base, snap('idle', [u1, stopped])]).state
  const awaiting = run([...base, snap('idle', [u1, waiting])]).state
  const streamingState = run([...base, snap('busy', [u1, streaming])]).state

  test.each<[string, ReplyLifecycleState, (state: ReplyLifecycleState) => ReturnType<typeof settle>, string[]]>([
    ['settle reports a settling reply', settling, settle, ['reply c1/a1 aborted']],
    ['settle leaves a reply awaiting a tool', awaiting, settle, []],
    ['flush reports a settling reply', settling, flush, ['reply c1/a1 aborted']],
    ['flush reports a reply awaiting a tool', awaiting, flush, ['reply c1/a1 aborted']],
    ['flush leaves a streaming reply: it is reported when it finishes', streamingState, flush, []],
    ['flush with streaming (the chat view is gone) reports a streaming reply too', streamingState, (state) => flush(state, { streaming: true }), ['reply c1/a1 aborted']],
  ])('%s', (_name, state, step, effects) => {
    const result = step(state)
    expect(short(result.effects)).toEqual(effects)
    if (effects.length) {
      expect(result.state.held).toBeUndefined()
      // Reported once: the same message seen again later sends nothing.
      expect(short(advance(result.state, snap('idle', [u1, stopped])).effects)).toEqual([])
    }
  })
})

test('supersedes: a later copy begins with all of the earlier one; anything else is another message', () => {
  const file = (url: string): ReplyPart => ({ type: 'file', mediaType: 'image/png', url })
  expect(supersedes(reply('b', text('Hello'), file('x')), reply('a', text('Hel')))).toBe(true)
  expect(supersedes(reply('b', text('Bye')), reply('a', text('Hel')))).toBe(false)
  expect(supersedes(reply('b', file('y')), reply('a', file('x')))).toBe(false)
  expect(supersedes(reply('b', { type: 'other', kind: 'data-a' }), reply('a', { type: 'other', kind: 'data-b' }))).toBe(false)
  expect(supersedes(user('b'), reply('a'))).toBe(false)
})

test('createReplyLifecycle: the settle timer, and end() sending a held reply before Conversation Ended', () => {
  vi.useFakeTimers()
  try {
    const analytics = createMemoryAnalytics()
    const tracker = createTrackerBase({ analytics, keyStore: createKeyStore({ storage: null }) }, segmentCopilot)
    const lifecycle = createReplyLifecycle(tracker, () => ({ settleMs: 100 }))
    for (const snapshot of [...base, snap('busy', [u1, streaming]), snap('idle', [u1, stopped])]) lifecycle.update(snapshot)
    vi.advanceTimersByTime(99)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    vi.advanceTimersByTime(1)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])

    lifecycle.update(snap('busy', [u1, done, u2]))
    lifecycle.update(snap('idle', [u1, done, u2, reply('a2', text('Wait', true))]))
    tracker.end('c1')
    expect(analytics.events().slice(3)).toEqual(['Message Sent', 'Message Received', 'Conversation Ended'])
    expect(analytics.calls.at(-1)).toMatchObject({ properties: { message_count: 4 } })
    vi.advanceTimersByTime(1_000)
    expect(analytics.events()).toHaveLength(6)
  } finally {
    vi.useRealTimers()
  }
})

test('createReplyLifecycle close(): a streaming reply another view still shows is left to it, and end() no longer reaches this one', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createTrackerBase({ analytics, keyStore: createKeyStore({ storage: null }) }, segmentCopilot)
  let gone = false
  const lifecycle = createReplyLifecycle(tracker, () => ({ gone }))
  for (const snapshot of [...base, snap('busy', [u1, streaming])]) lifecycle.update(snapshot)
  lifecycle.close()
  // Had it kept the reply, this stale copy would now be sent by end() before the other view's.
  gone = true
  tracker.end('c1')
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
})

test('createReplyLifecycle close() when nothing else shows the chat (gone): the streaming reply is reported, before Ended', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createTrackerBase({ analytics, keyStore: createKeyStore({ storage: null }) }, segmentCopilot)
  const lifecycle = createReplyLifecycle(tracker, () => ({ gone: true }))
  for (const snapshot of [...base, snap('busy', [u1, streaming])]) lifecycle.update(snapshot)
  tracker.end('c1')
  lifecycle.close()
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
})

test('createReplyLifecycle close(refresh): the view\'s last state is fed first (a view Suspense hid saw none of it); a runner that handed its chat over is not refreshed', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createTrackerBase({ analytics, keyStore: createKeyStore({ storage: null }) }, segmentCopilot)
  const lifecycle = createReplyLifecycle(tracker, () => ({ gone: true }))
  for (const snapshot of [...base, snap('busy', [u1, streaming])]) lifecycle.update(snapshot)
  lifecycle.close(() => lifecycle.update(snap('idle', [u1, withTool])))
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked', 'Media Generated'])
  expect(analytics.calls[2]).toMatchObject({ properties: { message_body: 'Sunny', reply_status: 'complete' } })

  // Detached (its state taken by a remounted view): refreshing it would start it over, taking the
  // chat's messages for history, and a user message the other view has not seen yet would never be sent.
  const handed = createReplyLifecycle(tracker, () => ({ gone: true }))
  for (const snapshot of [snap('idle', [], 'c2'), snap('busy', [user('u9')], 'c2')]) handed.update(snapshot)
  handed.detach()
  const refresh = vi.fn()
  handed.close(refresh)
  expect(refresh).not.toHaveBeenCalled()
})

test('createReplyLifecycle detach() and resume(): a runner that takes a remounted view\'s place continues its held reply, reported once', () => {
  const analytics = createMemoryAnalytics()
  const keyStore = createKeyStore({ storage: null })
  const tracker = createTrackerBase({ analytics, keyStore }, segmentCopilot)
  const leaving = createReplyLifecycle(tracker)
  for (const snapshot of [...base, snap('idle', [u1, waiting])]) leaving.update(snapshot)
  // The remounted provider's tracker, over the same key store.
  const next = createTrackerBase({ analytics, keyStore }, segmentCopilot)
  const taking = createReplyLifecycle(next)
  taking.resume(leaving.detach())
  leaving.close()
  // Not history to it: the same snapshot sends nothing, and end() sends the held reply first.
  taking.update(snap('idle', [u1, waiting]))
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
  next.end('c1')
  expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
  expect(analytics.calls.at(-1)).toMatchObject({ properties: { message_count: 2 } })
  taking.close()
  expect(analytics.events()).toHaveLength(4)
})

test('createReplyLifecycle resume() over a runner of another chat: its reply is reported first, into its own conversation', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createTrackerBase({ analytics, keyStore: createKeyStore({ storage: null }) }, segmentCopilot)
  const other = createReplyLifecycle(tracker)
  for (const snapshot of [...base, snap('idle', [u1, waiting])].map((s) => ({ ...s, chat: 'c2', conversationId: 'c2' }))) other.update(snapshot)
  const leaving = createReplyLifecycle(tracker)
  for (const snapshot of [...base, snap('busy', [u1, streaming])]) leaving.update(snapshot)
  other.resume(leaving.detach())
  expect(analytics.calls.filter((call) => call.type === 'track' && call.event === 'Message Received')).toEqual([
    expect.objectContaining({ properties: expect.objectContaining({ conversationId: 'c2', reply_status: 'aborted' }) }),
  ])
  other.update(snap('idle', [u1, done]))
  expect(analytics.events().at(-1)).toBe('Message Received')
  expect(analytics.calls.at(-1)).toMatchObject({ properties: { conversationId: 'c1', reply_status: 'complete' } })
})
