import { StrictMode } from 'react'
import { act, render } from '@testing-library/react'
import { expect, test } from 'vitest'
import fc from 'fast-check'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useStreamTracking, type StreamTrackingOptions, type TrackableStream } from '../../src/entries/langgraph'
import { createMemoryAnalytics, resetTrackedKeys } from '../../src/entries/testing'
import { toReplyMessages } from '../../src/langgraph/toReplyMessages'

/** The adapter alone, fed stream states by hand (what `useStream()` returns, or something that is not). */
function mount(first: unknown, options: StreamTrackingOptions = {}) {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  function Tracker({ stream }: { stream: unknown }) {
    useStreamTracking(stream as TrackableStream, options)
    return null
  }
  const ui = (stream: unknown) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <Tracker stream={stream} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(first))
  return {
    analytics,
    errors,
    view,
    show: (stream: unknown) => act(() => view.rerender(ui(stream))),
    events: () => analytics.calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties.messageId, call.properties.message_body] as const] : [])),
  }
}

const throwing = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('trap')
      },
    },
  )
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

test('not a stream (null, no messages array, a getter that throws): invalid_chat once, nothing thrown, nothing sent', async () => {
  for (const stream of [null, undefined, 42, {}, { messages: 'nope', isLoading: false }, throwing(), revoked()]) {
    const { errors, analytics, show, view } = mount(stream)
    await show(stream)
    expect(analytics.calls).toEqual([])
    expect(errors).toEqual(['invalid_chat'])
    view.unmount()
  }
})

test('hostile messages are skipped and reported once (invalid_chat); the readable ones are still sent', async () => {
  const human = { type: 'human', id: 'h1', content: 'Hi' }
  const hostile = [
    null,
    42,
    'text',
    { type: 5 },
    throwing(),
    revoked(),
  ]
  // Readable but odd: history, counted, nothing sent.
  const odd = { type: 'ai', id: 'a0', content: { not: 'content' }, tool_calls: 'nope', usage_metadata: [] }
  const reply = {
    type: 'ai',
    id: 'a1',
    content: [{ type: 'text', text: 'Hello' }, null, 7, { type: 'text', text: 3 }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }],
    tool_calls: [null, { name: 3 }, { id: 'c1', name: 'search', args: {} }],
    usage_metadata: { input_tokens: Number.NaN, output_tokens: -1, total_tokens: '3' },
    response_metadata: { model_name: 42, finish_reason: { weird: true } },
    __proto__: { type: 'system' },
  }
  const { errors, events, show } = mount({ messages: [odd], isLoading: false })
  await show({ messages: [odd, ...hostile, human], isLoading: true })
  await show({ messages: [odd, ...hostile, human, reply, { type: 'tool', id: 't1', tool_call_id: 'c1', content: 'found' }], isLoading: true })
  await show({ messages: [odd, ...hostile, human, reply, { type: 'tool', id: 't1', tool_call_id: 'c1', content: 'found' }], isLoading: false })
  // The history (a0) started the conversation already.
  expect(events()).toEqual([
    ['Message Sent', 'h1', 'Hi'],
    ['Message Received', 'a1', 'Hello'],
    ['Action Invoked', 'a1', undefined],
    ['Media Generated', 'a1', undefined],
  ])
  expect(errors).toEqual(['invalid_chat'])
})

test('options that are null or odd (a threadId that is not a string) are no options: the reply is still sent once', async () => {
  for (const options of [{ threadId: 42 }, null, { settleMs: Number.NaN, trackInitialMessages: 'yes' }] as unknown as StreamTrackingOptions[]) {
    resetTrackedKeys()
    const { errors, events, show, view } = mount({ messages: [], isLoading: false }, options)
    await show({ messages: [{ type: 'human', id: 'h1', content: 'Hi' }], isLoading: true })
    await show({ messages: [{ type: 'human', id: 'h1', content: 'Hi' }, { type: 'ai', id: 'a1', content: 'Yes', tool_call_chunks: [] }], isLoading: false })
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)))
    expect(events().map(([event, id]) => [event, id]), JSON.stringify(options)).toEqual([
      ['Conversation Started', undefined],
      ['Message Sent', 'h1'],
      ['Message Received', 'a1'],
    ])
    expect(errors).toEqual([])
    view.unmount()
    // Past the remount hand-over: the next view is another page's, not this one remounted.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
  }
})

test('messages without an id: skipped while a run is in flight (an optimistic copy); once idle, a human one is missing_message_id and an AI reply invalid_chat', async () => {
  const { errors, events, show } = mount({ messages: [], isLoading: false })
  await show({ messages: [{ type: 'human', content: 'optimistic' }], isLoading: true })
  expect(errors).toEqual([])
  await show({ messages: [{ type: 'human', content: 'optimistic' }, { type: 'ai', content: 'reply' }], isLoading: false })
  expect(events()).toEqual([])
  expect(errors.sort()).toEqual(['invalid_chat', 'missing_message_id'])
})

test('another branch opened while idle is history; a submit that switches branch (regenerate) is live', async () => {
  const h1 = { type: 'human', id: 'h1', content: 'Hi' }
  const { events, show } = mount({ messages: [], isLoading: false, branch: '' })
  await show({ messages: [h1], isLoading: true, branch: '' })
  await show({ messages: [h1, { type: 'ai', id: 'a1', content: 'One' }], isLoading: false, branch: '' })
  // setBranch(): an earlier branch of the thread, never shown in this page.
  await show({ messages: [{ type: 'human', id: 'h0', content: 'Other' }, { type: 'ai', id: 'a0', content: 'Other answer' }], isLoading: false, branch: 'b1' })
  // submit() from a checkpoint: the SDK switches the branch as the run starts.
  await show({ messages: [h1], isLoading: true, branch: 'b2' })
  await show({ messages: [h1, { type: 'ai', id: 'a1-regen', content: 'Two' }], isLoading: true, branch: 'b2' })
  await show({ messages: [h1, { type: 'ai', id: 'a1-regen', content: 'Two' }], isLoading: false, branch: 'b2' })
  expect(events()).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'h1', 'Hi'],
    ['Message Received', 'a1', 'One'],
    ['Message Received', 'a1-regen', 'Two'],
  ])
})

test('toReplyMessages: one reply per run, metadata from usage_metadata (summed) and response_metadata (the last AI message), only known fields', () => {
  const [user, reply] = toReplyMessages(
    [
      { type: 'system', id: 's', content: 'You are helpful' },
      { type: 'human', id: 'h1', content: [{ type: 'text', text: 'Weather?' }] },
      { type: 'ai', id: 'a1', content: '', tool_calls: [{ id: 'c1', name: 'weather', args: {} }], usage_metadata: { input_tokens: 10, output_tokens: 2, total_tokens: 12 }, response_metadata: { model_name: 'gpt-5.1', model_provider: 'openai', finish_reason: 'tool_calls', logprobs: [] } },
      { type: 'tool', id: 't1', tool_call_id: 'c1', content: 'sunny' },
      { type: 'ai', id: 'a2', content: [{ type: 'thinking', thinking: 'easy' }, { type: 'text', text: 'Sunny.' }], usage_metadata: { input_tokens: 20, output_tokens: 3, total_tokens: 23 }, response_metadata: { model: 'claude-x', model_provider: 'anthropic', finish_reason: 'stop', id: 'msg_1' } },
    ],
    { running: false, interrupted: false, onUnreadable: () => expect.unreachable() },
  )
  expect(user).toEqual({ id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Weather?' }] })
  expect(reply.id).toBe('a2')
  expect(reply.metadata).toEqual({ model: 'claude-x', provider: 'anthropic', finish_reason: 'stop', input_tokens: 30, output_tokens: 5, total_tokens: 35 })
  expect(reply.parts.filter((part) => part.type !== 'step')).toEqual([
    { type: 'reasoning', text: '', streaming: false },
    { type: 'text', text: '', streaming: false },
    { type: 'tool', name: 'weather', callId: 'c1', state: 'done', source: expect.objectContaining({ name: 'weather', result: expect.objectContaining({ content: 'sunny' }) }) },
    { type: 'reasoning', text: 'easy', streaming: false },
    { type: 'text', text: 'Sunny.', streaming: false },
  ])
})

test('property: whatever the stream states, the adapter never throws, reports only stable codes, and sends each message id at most once', async () => {
  const message = fc.oneof(
    fc.record({ type: fc.constantFrom('human', 'ai', 'tool', 'system', 'AIMessageChunk', 'remove'), id: fc.option(fc.constantFrom('m1', 'm2', 'm3', 'm4'), { nil: undefined }), content: fc.oneof(fc.string(), fc.array(fc.anything())), tool_calls: fc.anything(), tool_call_id: fc.anything(), tool_call_chunks: fc.option(fc.constant([]), { nil: undefined }), usage_metadata: fc.anything(), response_metadata: fc.anything() }, { requiredKeys: ['type'] }),
    fc.anything(),
  )
  const state = fc.record({ messages: fc.oneof(fc.array(message, { maxLength: 6 }), fc.anything()), isLoading: fc.boolean(), error: fc.option(fc.constant(new Error('x')), { nil: undefined }), interrupts: fc.anything(), branch: fc.anything() })
  await fc.assert(
    fc.asyncProperty(fc.array(state, { minLength: 1, maxLength: 6 }), fc.option(fc.constantFrom('t1', 't2'), { nil: null }), async (states, threadId) => {
      resetTrackedKeys()
      const { errors, analytics, show, view } = mount(states[0], { threadId, settleMs: 0 })
      for (const next of states.slice(1)) await show(next)
      view.unmount()
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)))
      for (const code of errors) expect(['invalid_chat', 'missing_message_id', 'invalid_property']).toContain(code)
      const ids = analytics.calls.flatMap((call) => (call.type === 'track' && call.event.startsWith('Message') ? [call.properties.messageId] : []))
      expect(new Set(ids).size).toBe(ids.length)
    }),
    { numRuns: Number(process.env.MODEL_RUNS ?? 60) > 60 ? 60 : 40 },
  )
})
