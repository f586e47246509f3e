import { StrictMode, useState } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { useStream } from '@langchain/langgraph-sdk/react'
import { CopilotAnalyticsProvider, useConversation } from '../../src/entries'
import { useStreamTracking, type StreamTrackingOptions, type TrackableStream } from '../../src/entries/langgraph'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { checkedCalls } from '../conformance'
import { ai, gate, human, mockLangGraph, streamedAi, tool, type MessageDict, type RunStep } from './mockServer'

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

type Stream = ReturnType<typeof useStream>

/** The real `useStream` against the in-page server, tracked, under StrictMode; the thread id is the app's state. */
function setup({ runs = [], threads, threadId: initialThread = null, tracking }: { runs?: RunStep[][]; threads?: Record<string, MessageDict[]>; threadId?: string | null; tracking?: StreamTrackingOptions } = {}) {
  const analytics = createMemoryAnalytics()
  const server = mockLangGraph({ runs, threads })
  const current: { stream?: Stream; setThread?: (id: string | null) => void; setTrackerKey?: (key: number) => void } = {}
  function Tracker({ stream, threadId }: { stream: TrackableStream; threadId: string | null }) {
    useStreamTracking(stream, { ...tracking, threadId })
    return null
  }
  function Chat() {
    const [threadId, setThread] = useState<string | null>(initialThread)
    const [trackerKey, setTrackerKey] = useState(0)
    const stream = useStream({ client: server.client, assistantId: 'agent', threadId, onThreadId: setThread })
    Object.assign(current, { stream, setThread, setTrackerKey })
    const { isStarted, messageCount } = useConversation()
    return (
      <ul>
        {stream.messages.map((m, i) => (
          <li key={m.id ?? i}>
            {m.type}: {typeof m.content === 'string' ? m.content : '[parts]'}
          </li>
        ))}
        <li>loading: {String(stream.isLoading)}</li>
        <li>thread: {String(threadId)}</li>
        <li>{`conversation: ${isStarted ? 'started' : 'not started'}, ${messageCount} messages`}</li>
        <Tracker key={trackerKey} stream={stream} threadId={threadId} />
      </ul>
    )
  }
  const errors: string[] = []
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const stream = () => current.stream!
  const idle = () => screen.findByText('loading: false')
  const submit = async (id: string, text: string) => {
    await act(async () => void stream().submit({ messages: [human(id, text)] }))
    await waitFor(() => expect(stream().isLoading).toBe(false))
  }
  return { analytics, server, stream, submit, idle, view, errors, current, tracks: () => tracks(analytics.calls) }
}

const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const names = (calls: MemoryCall[]) => tracks(calls).map(([event]) => event)
const wait = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

test('a streamed reply: Message Sent, then Message Received once with the final text, nothing per token', async () => {
  const { submit, tracks, analytics, server, errors } = setup({
    runs: [streamedAi('ai-1', ['Hel', 'lo ', 'there']), streamedAi('ai-2', ['Bye'])],
  })
  const before = checkedCalls
  await submit('h1', 'Hi')
  await submit('h2', 'Thanks')
  await wait(20)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
  const [, sent, received, , received2] = tracks()
  expect(sent[1]).toMatchObject({ conversationId: 'c1', messageId: 'h1', message_body: 'Hi', role: 'customer' })
  expect(received[1]).toMatchObject({ messageId: 'ai-1', message_body: 'Hello there', role: 'agent', reply_status: 'complete' })
  expect(received2[1]).toMatchObject({ messageId: 'ai-2', message_body: 'Bye', reply_status: 'complete' })
  for (const [, properties] of [received, received2]) {
    expect(Number.isInteger(properties.time_to_first_token_ms)).toBe(true)
    expect(properties.response_time_ms as number).toBeGreaterThanOrEqual(properties.time_to_first_token_ms as number)
  }
  // The first submit created the thread (onThreadId): the same chat, not a switch.
  expect(server.requests.filter((r) => r === 'POST /threads')).toHaveLength(1)
  await screen.findByText('conversation: started, 4 messages')
  expect(errors).toEqual([])
  expect(checkedCalls - before).toBeGreaterThanOrEqual(5)
})

test('streaming sends nothing until the run is over; the metrics run from Message Sent to first token and to the end', async () => {
  let clock = 10_000
  vi.spyOn(Date, 'now').mockImplementation(() => clock)
  const first = gate()
  const rest = gate()
  const { stream, tracks, idle } = setup({
    runs: [[{ wait: first.wait }, { chunk: { id: 'ai-1', content: 'Think' } }, { wait: rest.wait }, { chunk: { id: 'ai-1', content: 'ing... done' } }, { commit: [ai('ai-1', 'Thinking... done')] }]],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Hi')] }))
  await screen.findByText('human: Hi')
  clock += 400
  first.open()
  await screen.findByText('ai: Think')
  await wait(30)
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  clock += 1_600
  rest.open()
  await idle()
  expect(tracks().slice(2)).toEqual([['Message Received', expect.objectContaining({ messageId: 'ai-1', message_body: 'Thinking... done', time_to_first_token_ms: 400, response_time_ms: 2000 })]])
})

test('tool calls: one reply for the AI and tool messages of a run, sent with the last AI message id; Action Invoked once per answered call', async () => {
  const afterTool = gate()
  const { stream, tracks, idle, analytics } = setup({
    runs: [
      [
        { chunk: { id: 'ai-1', content: 'Let me check. ', tool_call_chunks: [{ id: 'call-1', name: 'weather', args: '{"city":"Oslo"}', index: 0, type: 'tool_call_chunk' }] } },
        { commit: [ai('ai-1', 'Let me check. ', { tool_calls: [{ id: 'call-1', name: 'weather', args: { city: 'Oslo' } }, { id: 'call-2', name: 'lookup', args: {} }] })] },
        { commit: [tool('t-1', 'call-1', '21°C'), tool('t-2', 'call-2', 'not found', { status: 'error' })] },
        { wait: afterTool.wait },
        ...streamedAi('ai-2', ['It is ', '21°C in Oslo.'], { usage_metadata: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } }),
      ],
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Weather in Oslo?')] }))
  await screen.findByText('tool: 21°C')
  await wait(30)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  afterTool.open()
  await idle()
  await wait(30)
  expect(tracks().slice(2)).toEqual([
    ['Message Received', expect.objectContaining({ messageId: 'ai-2', message_body: 'Let me check. \nIt is 21°C in Oslo.', reply_status: 'complete' })],
    ['Action Invoked', { conversationId: 'c1', messageId: 'ai-2', type: 'weather', action: 'completed', role: 'agent', tool_call_id: 'call-1' }],
    ['Action Invoked', { conversationId: 'c1', messageId: 'ai-2', type: 'lookup', action: 'failed', role: 'agent', tool_call_id: 'call-2' }],
  ])
  // The run's token usage (usage_metadata) rides on Message Received (docs/llm-signals.md).
  expect(tracks()[2][1]).toMatchObject({ input_tokens: 10, output_tokens: 5, total_tokens: 15 })
  await screen.findByText('conversation: started, 2 messages')
})

test('describeAction names the action from the tool call and its ToolMessage; one that throws sends the default and reports invalid_chat', async () => {
  const { submit, tracks, errors } = setup({
    tracking: { describeAction: (call) => (call.name === 'boom' ? (() => { throw new Error('x') })() : `${call.name}: ${String(call.result?.content)}`) },
    runs: [[{ commit: [ai('ai-1', '', { tool_calls: [{ id: 'c1', name: 'weather', args: {} }, { id: 'c2', name: 'boom', args: {} }] })] }, { commit: [tool('t1', 'c1', 'sunny'), tool('t2', 'c2', 'ok')] }, ...streamedAi('ai-2', ['Sunny.'])]],
  })
  await submit('h1', 'Weather?')
  await wait(20)
  expect(tracks().filter(([event]) => event === 'Action Invoked').map(([, p]) => p.action)).toEqual(['weather: sunny', 'completed'])
  expect(errors).toEqual(['invalid_chat'])
})

test('history: a restored thread (loaded after mount) sends nothing, is counted, and starts the conversation; the next run is live', async () => {
  const { submit, tracks, analytics } = setup({
    threadId: 'thread-old',
    threads: { 'thread-old': [human('h0', 'Earlier'), ai('ai-0a', '', { tool_calls: [{ id: 'c0', name: 'search', args: {} }] }), tool('t0', 'c0', 'found'), ai('ai-0b', 'Earlier answer')] },
    runs: [streamedAi('ai-1', ['New answer'])],
  })
  await screen.findByText('ai: Earlier answer')
  await screen.findByText('conversation: started, 2 messages')
  await wait(20)
  expect(analytics.calls).toEqual([])
  await submit('h1', 'Now')
  await wait(20)
  expect(tracks().map(([event, p]) => [event, p.messageId])).toEqual([
    ['Message Sent', 'h1'],
    ['Message Received', 'ai-1'],
  ])
  await screen.findByText('conversation: started, 4 messages')
})

test('trackInitialMessages sends the restored thread once, without metrics', async () => {
  const { tracks } = setup({ threadId: 'thread-old', threads: { 'thread-old': [human('h0', 'Earlier'), ai('ai-0', 'Answer')] }, tracking: { trackInitialMessages: true } })
  await screen.findByText('ai: Answer')
  await wait(20)
  expect(tracks()).toEqual([
    ['Conversation Started', { conversationId: 'c1' }],
    ['Message Sent', expect.objectContaining({ messageId: 'h0' })],
    ['Message Received', expect.not.objectContaining({ response_time_ms: expect.anything() })],
  ])
})

test('stop mid-reply: Message Received once, aborted, with the text so far', async () => {
  const never = gate()
  const { stream, tracks, idle, server } = setup({ runs: [[{ chunk: { id: 'ai-1', content: 'Once upon' } }, { wait: never.wait }, { chunk: { id: 'ai-1', content: ' a time' } }]] })
  act(() => void stream().submit({ messages: [human('h1', 'A story')] }))
  await screen.findByText('ai: Once upon')
  await act(() => stream().stop())
  await idle()
  await wait(400)
  expect(tracks().slice(2)).toEqual([['Message Received', expect.objectContaining({ messageId: 'ai-1', message_body: 'Once upon', reply_status: 'aborted' })]])
  // The SDK reloaded the thread after the stop: the partial message was never committed.
  expect(server.requests).toContain('GET /threads/thread-1/state')
  never.open()
  await wait(30)
  expect(tracks()).toHaveLength(3)
})

test('a run that fails: Message Received once with reply_status error; a failure before any AI message sends only the Message Sent', async () => {
  const { submit, tracks, stream } = setup({
    runs: [[{ chunk: { id: 'ai-1', content: 'Partial' } }, { error: { error: 'ValueError', message: 'model overloaded' } }], [{ error: { error: 'ValueError', message: 'down' } }]],
  })
  vi.spyOn(console, 'error').mockImplementation(() => {})
  await submit('h1', 'Hi')
  await wait(300)
  expect(stream().error).toBeTruthy()
  expect(tracks().slice(2)).toEqual([['Message Received', expect.objectContaining({ messageId: 'ai-1', message_body: 'Partial', reply_status: 'error' })]])
  await submit('h2', 'Again?')
  await wait(300)
  expect(tracks().slice(3).map(([event, p]) => [event, p.messageId])).toEqual([['Message Sent', 'h2']])
})

test('another thread: its messages are history; a reply still streaming when the thread changes is reported once into the conversation, with the text so far', async () => {
  const never = gate()
  const { stream, tracks, current, analytics } = setup({
    threads: { 'thread-b': [human('hb', 'B question'), ai('ai-b', 'B answer')] },
    runs: [[{ chunk: { id: 'ai-1', content: 'Half' } }, { wait: never.wait }]],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Hi')] }))
  await screen.findByText('ai: Half')
  act(() => current.setThread!('thread-b'))
  await screen.findByText('ai: B answer')
  await wait(300)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ messageId: 'ai-1', message_body: 'Half', reply_status: 'aborted' })
  // B's two messages are counted as history of the same provider conversation.
  await screen.findByText('conversation: started, 4 messages')
  never.open()
})

test('a new chat (threadId back to null) then a run: that run is live, the earlier thread is not sent again', async () => {
  const { submit, tracks, current, stream } = setup({ threadId: 'thread-a', threads: { 'thread-a': [human('ha', 'A'), ai('ai-a', 'A answer')] }, runs: [streamedAi('ai-1', ['Fresh'])] })
  await screen.findByText('ai: A answer')
  act(() => current.setThread!(null))
  await waitFor(() => expect(stream().messages).toHaveLength(0))
  await submit('h1', 'New chat')
  await wait(20)
  expect(tracks().map(([event, p]) => [event, p.messageId])).toEqual([
    ['Message Sent', 'h1'],
    ['Message Received', 'ai-1'],
  ])
})

test('remount: the tracking component remounting mid-reply hands its reply over; it is sent once, complete, with metrics', async () => {
  const rest = gate()
  const { stream, tracks, current, idle } = setup({ runs: [[{ chunk: { id: 'ai-1', content: 'Hello' } }, { wait: rest.wait }, ...streamedAi('ai-1', [' world']).slice(1)]] })
  act(() => void stream().submit({ messages: [human('h1', 'Hi')] }))
  await screen.findByText('ai: Hello')
  act(() => current.setTrackerKey!(1))
  act(() => current.setTrackerKey!(2))
  await wait(20)
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  rest.open()
  await idle()
  await wait(20)
  act(() => current.setTrackerKey!(3))
  await wait(20)
  expect(tracks().slice(2)).toEqual([['Message Received', expect.objectContaining({ messageId: 'ai-1', reply_status: 'complete', response_time_ms: expect.any(Number) })]])
})

test('unmounting the chat for good mid-reply reports the reply once, aborted', async () => {
  const never = gate()
  const { stream, tracks, view } = setup({ runs: [[{ chunk: { id: 'ai-1', content: 'Going' } }, { wait: never.wait }]] })
  act(() => void stream().submit({ messages: [human('h1', 'Hi')] }))
  await screen.findByText('ai: Going')
  view.unmount()
  await wait(20)
  expect(tracks().slice(2)).toEqual([['Message Received', expect.objectContaining({ messageId: 'ai-1', message_body: 'Going', reply_status: 'aborted' })]])
  never.open()
})

test('an interrupt (a tool call waiting on a human) holds the reply; resuming continues it, reported once', async () => {
  const { stream, tracks, idle } = setup({
    runs: [
      [{ commit: [ai('ai-1', 'I will book it.', { tool_calls: [{ id: 'c1', name: 'book', args: {} }] })] }, { event: 'values', data: { __interrupt__: [{ value: 'approve?', id: 'i1' }] } }],
      [{ commit: [tool('t1', 'c1', 'booked')] }, ...streamedAi('ai-2', ['Booked.'])],
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Book it')] }))
  await idle()
  await waitFor(() => expect(stream().interrupts).toHaveLength(1))
  await wait(400)
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  await act(async () => void stream().submit(null, { command: { resume: 'yes' } }))
  await waitFor(() => expect(stream().isLoading).toBe(false))
  await screen.findByText('ai: Booked.')
  await wait(30)
  expect(tracks().slice(2).map(([event, p]) => [event, p.messageId, p.message_body ?? p.type])).toEqual([
    ['Message Received', 'ai-2', 'I will book it.\nBooked.'],
    ['Action Invoked', 'ai-2', 'book'],
  ])
})

test('stop after a tool call, mid-answer: the reload drops the partial answer, and the reply is still sent once (aborted, with its text and its action)', async () => {
  const never = gate()
  const { stream, tracks, idle } = setup({
    runs: [
      [
        { commit: [ai('ai-1', '', { tool_calls: [{ id: 'call-1', name: 'search', args: {} }] })] },
        { commit: [tool('t-1', 'call-1', 'found')] },
        { chunk: { id: 'ai-2', content: 'The answer is' } },
        { wait: never.wait },
      ],
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Find it')] }))
  await screen.findByText('ai: The answer is')
  await act(() => stream().stop())
  await idle()
  // The thread as the server kept it: the tool call and its result, not the partial answer.
  await waitFor(() => expect(stream().messages.map((m) => m.id)).toEqual(['h1', 'ai-1', 't-1']))
  await wait(400)
  expect(tracks().slice(2)).toEqual([
    ['Message Received', expect.objectContaining({ messageId: 'ai-2', message_body: 'The answer is', reply_status: 'aborted' })],
    ['Action Invoked', expect.objectContaining({ messageId: 'ai-2', tool_call_id: 'call-1' })],
  ])
  never.open()
})

test('stop after a tool call, mid-answer, then a new question: the reply the stop reported is not sent again while the next run streams', async () => {
  const never = gate()
  const { stream, tracks, idle, submit } = setup({
    runs: [
      [
        { commit: [ai('ai-1', '', { tool_calls: [{ id: 'call-1', name: 'search', args: {} }] })] },
        { commit: [tool('t-1', 'call-1', 'found')] },
        { chunk: { id: 'ai-2', content: 'The answer is' } },
        { wait: never.wait },
      ],
      streamedAi('ai-3', ['Sure.']),
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Find it')] }))
  await screen.findByText('ai: The answer is')
  await act(() => stream().stop())
  await idle()
  await waitFor(() => expect(stream().messages.map((m) => m.id)).toEqual(['h1', 'ai-1', 't-1']))
  await wait(400)
  // The next run shows the first reply as the server kept it (without its partial answer) before the new question.
  await submit('h2', 'Thanks')
  await wait(400)
  never.open()
  await wait(30)
  expect(tracks().slice(2).map(([event, p]) => [event, p.messageId, p.reply_status])).toEqual([
    ['Message Received', 'ai-2', 'aborted'],
    ['Action Invoked', 'ai-2', undefined],
    ['Message Sent', 'h2', undefined],
    ['Message Received', 'ai-3', 'complete'],
  ])
})

test('stop after a tool call, mid-answer, then the tracking view remounts: the view that takes over does not report the shrunk reply again', async () => {
  const never = gate()
  const { stream, tracks, idle, current } = setup({
    runs: [
      [
        { commit: [ai('ai-1', '', { tool_calls: [{ id: 'call-1', name: 'search', args: {} }] })] },
        { commit: [tool('t-1', 'call-1', 'found')] },
        { chunk: { id: 'ai-2', content: 'The answer is' } },
        { wait: never.wait },
      ],
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Find it')] }))
  await screen.findByText('ai: The answer is')
  await act(() => stream().stop())
  await idle()
  await waitFor(() => expect(stream().messages.map((m) => m.id)).toEqual(['h1', 'ai-1', 't-1']))
  await wait(400)
  act(() => current.setTrackerKey!(1))
  await wait(400)
  never.open()
  await wait(30)
  expect(tracks().slice(2).map(([event, p]) => [event, p.messageId, p.reply_status])).toEqual([
    ['Message Received', 'ai-2', 'aborted'],
    ['Action Invoked', 'ai-2', undefined],
  ])
})

test('an interrupt, its resume stopped mid-answer, then a new question: the reply across both runs is sent once (aborted, with the text it had and its action)', async () => {
  const never = gate()
  const { stream, tracks, idle, submit } = setup({
    runs: [
      [{ commit: [ai('ai-1', 'I will book it.', { tool_calls: [{ id: 'c1', name: 'book', args: {} }] })] }, { event: 'values', data: { __interrupt__: [{ value: 'approve?', id: 'i1' }] } }],
      [{ commit: [tool('t1', 'c1', 'booked')] }, { chunk: { id: 'ai-2', content: 'Booked for' } }, { wait: never.wait }],
      streamedAi('ai-3', ['Sure.']),
    ],
  })
  act(() => void stream().submit({ messages: [human('h1', 'Book it')] }))
  await idle()
  await waitFor(() => expect(stream().interrupts).toHaveLength(1))
  await act(async () => void stream().submit(null, { command: { resume: 'yes' } }))
  await screen.findByText('ai: Booked for')
  await act(() => stream().stop())
  await idle()
  await waitFor(() => expect(stream().messages.map((m) => m.id)).toEqual(['h1', 'ai-1', 't1']))
  await wait(400)
  await submit('h2', 'Thanks')
  await wait(400)
  never.open()
  await wait(30)
  expect(tracks().slice(2).map(([event, p]) => [event, p.messageId, p.reply_status ?? p.type, p.message_body])).toEqual([
    ['Message Received', 'ai-2', 'aborted', 'I will book it.\nBooked for'],
    ['Action Invoked', 'ai-2', 'book', undefined],
    ['Message Sent', 'h2', undefined, 'Thanks'],
    ['Message Received', 'ai-3', 'complete', 'Sure.'],
  ])
})
