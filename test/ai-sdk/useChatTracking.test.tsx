import { StrictMode } from 'react'
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { Chat, useChat, type UseChatHelpers } from '@ai-sdk/react'
import { lastAssistantMessageIsCompleteWithToolCalls, type ChatInit, type UIMessage, type UIMessageChunk } from 'ai'
import { CopilotAnalyticsProvider, useConversation } from '../../src/entries'
import { useChatTracking, type ChatTrackingOptions } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { gate, mockTransport, regenerateContinuesEarlierReply, sendAndWait, textReply, type Step } from './mockTransport'

type ChatOptions = Omit<ChatInit<UIMessage>, 'transport'>

// Unmount here, and let a held reply flush, before test/setup.ts forgets the sent keys: otherwise
// that late event would claim a fixed message id of the next test.
afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

/** The demo chat on the real `useChat`, rendered under StrictMode, with the messages as text. */
function setup(replies: Step[][], { tracking, chat: chatOptions, userId }: { tracking?: ChatTrackingOptions; chat?: ChatOptions; userId?: string } = {}) {
  const analytics = createMemoryAnalytics()
  const transport = mockTransport(replies)
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  function Chat() {
    const chat = useChat({ ...chatOptions, transport })
    current.chat = chat
    useChatTracking(chat, tracking)
    const { isStarted, messageCount } = useConversation()
    return (
      <ul>
        {chat.messages.map((m) => (
          <li key={m.id}>
            {m.role}: {m.parts.map((p) => (p.type === 'text' ? p.text : '[' + p.type + ']')).join(' ')}
          </li>
        ))}
        <li>status: {chat.status}</li>
        <li>{`conversation: ${isStarted ? 'started' : 'not started'}, ${messageCount} messages`}</li>
      </ul>
    )
  }
  const errors: string[] = []
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId={userId} onError={(error) => errors.push(error.code)}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const chat = () => current.chat!
  const send = (text: string) => sendAndWait(chat, text)
  const status = (value: string) => screen.findByText('status: ' + value)
  return { analytics, transport, chat, send, status, view, errors, tracks: () => tracks(analytics.calls) }
}

const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const names = (calls: MemoryCall[]) => tracks(calls).map(([event]) => event)
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 30)))

const toolStep = (toolCallId: string, toolName: string, output: unknown, extra: { dynamic?: boolean } = {}): UIMessageChunk[] => [
  { type: 'start-step' },
  { type: 'tool-input-start', toolCallId, toolName, ...extra },
  { type: 'tool-input-delta', toolCallId, inputTextDelta: '{"city":"Oslo"}' },
  { type: 'tool-input-available', toolCallId, toolName, input: { city: 'Oslo' }, ...extra },
  { type: 'tool-output-available', toolCallId, output, ...extra },
  { type: 'finish-step' },
]

test('text deltas: Message Sent per user message, Message Received once per reply with the final text, never per token', async () => {
  const { send, tracks, analytics } = setup([
    [{ type: 'start', messageId: 'a1' }, { type: 'start-step' }, ...textReply('t', 'Hel', 'lo ', 'there', ', friend'), { type: 'finish-step' }, { type: 'finish' }],
    [{ type: 'start', messageId: 'a2' }, ...textReply('t', 'Bye'), { type: 'finish' }],
  ])
  await send('Hi')
  await send('Thanks')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
  const [, sent, received, , received2] = tracks()
  expect(sent[1]).toMatchObject({ message_body: 'Hi', role: 'customer' })
  expect(received[1]).toMatchObject({ messageId: 'a1', message_body: 'Hello there, friend', role: 'agent', reply_status: 'complete' })
  expect(received2[1]).toMatchObject({ messageId: 'a2', message_body: 'Bye', reply_status: 'complete' })
  for (const [, properties] of [received, received2]) {
    expect(Number.isInteger(properties.time_to_first_token_ms)).toBe(true)
    expect(properties.response_time_ms as number).toBeGreaterThanOrEqual(properties.time_to_first_token_ms as number)
  }
})

test('response-time metrics: Message Sent to first streamed content, and to complete', async () => {
  let clock = 10_000
  vi.spyOn(Date, 'now').mockImplementation(() => clock)
  const first = gate()
  const rest = gate()
  const { chat, status, tracks } = setup([
    [{ type: 'start', messageId: 'a1' }, { wait: first.wait }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Thinking' }, { wait: rest.wait }, { type: 'text-delta', id: 't', delta: '... done' }, { type: 'text-end', id: 't' }, { type: 'finish' }],
  ])
  act(() => void chat().sendMessage({ text: 'Hi' }))
  await status('submitted')
  clock += 450
  first.open()
  await screen.findByText('assistant: Thinking')
  clock += 1_550
  rest.open()
  await status('ready')
  expect(tracks().find(([event]) => event === 'Message Received')![1]).toMatchObject({ time_to_first_token_ms: 450, response_time_ms: 2000 })
})

test('a multi-step reply (tool step, then text): nothing at the intermediate step; Received once, then Action Invoked once per tool call', async () => {
  const afterTool = gate()
  const { chat, status, tracks } = setup([
    [
      { type: 'start', messageId: 'a1' },
      ...toolStep('call-1', 'weather', { temperature: 21 }),
      { wait: afterTool.wait },
      { type: 'start-step' },
      ...textReply('t', 'It is ', '21°C in Oslo.'),
      { type: 'finish-step' },
      { type: 'finish' },
    ],
  ])
  act(() => void chat().sendMessage({ text: 'Weather in Oslo?' }))
  await screen.findByText(/\[tool-weather\]/)
  await settle()
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  afterTool.open()
  await status('ready')
  const events = tracks().slice(2)
  expect(events).toEqual([
    ['Message Received', expect.objectContaining({ messageId: 'a1', message_body: 'It is 21°C in Oslo.', reply_status: 'complete' })],
    ['Action Invoked', { conversationId: 'c1', messageId: 'a1', type: 'weather', action: 'completed', role: 'agent', tool_call_id: 'call-1' }],
  ])
})

test('tool calls: output-error is "failed", dynamic-tool is tracked by its tool name, an unfinished call is not an action', async () => {
  const { send, tracks } = setup([
    [
      { type: 'start', messageId: 'a1' },
      { type: 'start-step' },
      { type: 'tool-input-available', toolCallId: 'c-err', toolName: 'lookup', input: {} },
      { type: 'tool-output-error', toolCallId: 'c-err', errorText: 'not found' },
      { type: 'tool-input-available', toolCallId: 'c-dyn', toolName: 'mcp_search', input: { q: 'x' }, dynamic: true },
      { type: 'tool-output-available', toolCallId: 'c-dyn', output: ['r'], dynamic: true },
      { type: 'tool-input-available', toolCallId: 'c-pre', toolName: 'report', input: {} },
      { type: 'tool-output-available', toolCallId: 'c-pre', output: 'partial', preliminary: true },
      { type: 'finish-step' },
      { type: 'start-step' },
      ...textReply('t', 'Done.'),
      { type: 'finish-step' },
      { type: 'finish' },
    ],
  ], { tracking: { settleMs: 10 } })
  await send('Go')
  await settle()
  // The preliminary output never became final: the reply did not finish.
  expect(tracks().find(([event]) => event === 'Message Received')![1].reply_status).toBe('aborted')
  const actions = tracks().filter(([event]) => event === 'Action Invoked').map(([, p]) => [p.type, p.action, p.tool_call_id])
  expect(actions).toEqual([
    ['lookup', 'failed', 'c-err'],
    ['mcp_search', 'completed', 'c-dyn'],
  ])
})

test('describeAction sets the action summary', async () => {
  const { send, tracks } = setup([[{ type: 'start', messageId: 'a1' }, ...toolStep('call-1', 'weather', 21), ...textReply('t', 'ok'), { type: 'finish' }]], {
    tracking: { describeAction: (part) => `${part.state === 'output-available' ? 'got' : 'no'} ${JSON.stringify(part.input)}` },
  })
  await send('Go')
  expect(tracks().find(([event]) => event === 'Action Invoked')![1].action).toBe('got {"city":"Oslo"}')
})

test('a describeAction that throws never breaks the app: the default action is sent, the error reported', async () => {
  const { send, tracks, errors } = setup([[{ type: 'start', messageId: 'a1' }, ...toolStep('call-1', 'weather', 21), ...textReply('t', 'ok'), { type: 'finish' }]], {
    tracking: {
      describeAction: () => {
        throw new Error('oops')
      },
    },
  })
  await send('Go')
  expect(tracks().find(([event]) => event === 'Action Invoked')![1].action).toBe('completed')
  expect(errors).toEqual(['invalid_chat'])
})

test('with experimental_throttle (updates held back by the SDK) the final text is reported, once', async () => {
  const { send, tracks, status } = setup([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'One ', 'two ', 'three ', 'four'), { type: 'finish' }]], {
    chat: { experimental_throttle: 80 } as ChatOptions,
  })
  await send('Count')
  await status('ready')
  await act(() => new Promise((resolve) => setTimeout(resolve, 300)))
  expect(tracks().filter(([event]) => event === 'Message Received')).toEqual([
    ['Message Received', expect.objectContaining({ message_body: 'One two three four', reply_status: 'complete' })],
  ])
})

test('client-side tool loop with a new server id per request: Received once, for the final message, at the very end', async () => {
  const { chat, status, tracks, analytics, transport } = setup(
    [
      [{ type: 'start', messageId: 'srv1' }, { type: 'start-step' }, { type: 'tool-input-available', toolCallId: 't1', toolName: 'locate', input: {} }, { type: 'finish-step' }, { type: 'finish', finishReason: 'tool-calls' }],
      [{ type: 'start', messageId: 'srv2' }, { type: 'start-step' }, ...textReply('x', 'You are ', 'in Oslo.'), { type: 'finish-step' }, { type: 'finish' }],
    ],
    {
      chat: {
        sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithToolCalls,
        onToolCall: ({ toolCall }) => void chat().addToolOutput({ tool: 'locate', toolCallId: toolCall.toolCallId, output: 'Oslo' }),
      },
    },
  )
  await sendAndWait(chat, 'Where am I?')
  await status('ready')
  await settle()
  expect(transport.requests).toBe(2)
  // The SDK keeps a stale copy under the first id: the adapter reports the final message only.
  expect(chat().messages.map((m) => m.id)).toEqual([expect.any(String), 'srv1', 'srv2'])
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  expect(tracks()[2][1]).toMatchObject({ messageId: 'srv2', message_body: 'You are in Oslo.', reply_status: 'complete' })
  expect(tracks()[3][1]).toMatchObject({ messageId: 'srv2', type: 'locate', tool_call_id: 't1' })
})

test('id replacement mid-stream (text before the server id): one Received, under the server id', async () => {
  const { send, tracks, chat } = setup([
    [...textReply('t', 'Hel', 'lo'), { type: 'start', messageId: 'server-id' }, { type: 'file', url: 'https://x/cat.png', mediaType: 'image/png' }, { type: 'finish' }],
  ])
  await send('Hi')
  await settle()
  expect(chat().messages.at(-1)!.id).toBe('server-id')
  const replies = tracks().filter(([event]) => event !== 'Message Sent' && event !== 'Conversation Started')
  expect(replies).toEqual([
    ['Message Received', expect.objectContaining({ messageId: 'server-id', message_body: 'Hello' })],
    ['Media Generated', expect.objectContaining({ messageId: 'server-id' })],
  ])
})

test('id replacement mid-stream, then regenerate(): the SDK\'s stale copy is not reported as a reply of its own', async () => {
  const { send, chat, tracks } = setup([
    [...textReply('t', 'Hel', 'lo'), { type: 'start', messageId: 'server-1' }, { type: 'finish' }],
    [{ type: 'start', messageId: 'server-2' }, ...textReply('t', 'Hi there'), { type: 'finish' }],
  ])
  await send('Hi')
  await settle()
  const stale = chat().messages[1].id
  expect(chat().messages.map((m) => m.id)).toEqual([expect.any(String), stale, 'server-1'])
  act(() => void chat().regenerate())
  await settle()
  expect(chat().messages.map((m) => m.id)).toEqual([expect.any(String), stale, 'server-2'])
  // AI SDK 5 continues the stale copy: its text shows first in server-2, so it is part of the body.
  const continued = (await regenerateContinuesEarlierReply()) ? 'Hello\n' : ''
  expect(tracks().filter(([event]) => event === 'Message Received').map(([, p]) => [p.messageId, p.message_body, p.reply_status])).toEqual([
    ['server-1', 'Hello', 'complete'],
    // Complete, though on AI SDK 5 the copy's text part, carried over, still says `streaming`.
    ['server-2', continued + 'Hi there', 'complete'],
  ])
})

test('a saved chat that holds the SDK\'s stale copy (text before the server id): the reply is history once, counted once', async () => {
  const saved: UIMessage[] = [
    { id: 'q1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
    { id: 'stale', role: 'assistant', parts: [{ type: 'text', text: 'Hel', state: 'streaming' }] },
    { id: 'server-1', role: 'assistant', parts: [{ type: 'text', text: 'Hello', state: 'done' }] },
  ]
  setup([], { chat: { messages: saved } })
  await screen.findByText('conversation: started, 2 messages')
})

// Regression (AI SDK 5): its regenerate() continues the message before the one it replaces, so the
// new reply carries a stale copy's text part whose state still says `streaming`. The reply finished:
// it is `complete`, not `aborted`.
test('regenerate() after a saved stale copy: the new reply is complete, even with the copy\'s text part carried over', async () => {
  const saved: UIMessage[] = [
    { id: 'q1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
    { id: 'stale', role: 'assistant', parts: [{ type: 'text', text: 'Hel', state: 'streaming' }] },
    { id: 'server-1', role: 'assistant', parts: [{ type: 'text', text: 'Hello', state: 'done' }] },
  ]
  const { chat, tracks } = setup([[{ type: 'start', messageId: 'server-2' }, ...textReply('t', 'Hi there'), { type: 'finish' }]], { chat: { messages: saved } })
  const continued = (await regenerateContinuesEarlierReply()) ? 'Hel\n' : ''
  act(() => void chat().regenerate())
  await waitFor(() => expect(chat().messages.at(-1)!.id).toBe('server-2'))
  await waitFor(() => expect(tracks().some(([event]) => event === 'Message Received')).toBe(true))
  expect(chat().status).toBe('ready')
  expect(tracks().filter(([event]) => event === 'Message Received').map(([, p]) => [p.messageId, p.message_body, p.reply_status])).toEqual([
    ['server-2', continued + 'Hi there', 'complete'],
  ])
})

test('file parts: Media Generated once per file, type and sub_type from the media type', async () => {
  const { send, tracks } = setup([
    [
      { type: 'start', messageId: 'a1' },
      ...textReply('t', 'Here you go'),
      { type: 'file', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' },
      { type: 'file', url: 'https://x/y.svg', mediaType: 'image/svg+xml' },
      { type: 'file', url: 'https://x/z.wav', mediaType: 'audio/wav; codecs=1' },
      { type: 'finish' },
    ],
  ])
  await send('Draw')
  const media = tracks().filter(([event]) => event === 'Media Generated').map(([, p]) => p)
  expect(media).toEqual([
    { conversationId: 'c1', messageId: 'a1', type: 'image', sub_type: 'png', role: 'agent' },
    { conversationId: 'c1', messageId: 'a1', type: 'image', sub_type: 'svg+xml', role: 'agent' },
    { conversationId: 'c1', messageId: 'a1', type: 'audio', sub_type: 'wav', role: 'agent' },
  ])
})

test('an aborted reply (stop()) is reported once, with the text so far and reply_status "aborted"', async () => {
  const hold = gate()
  const { chat, status, tracks, analytics } = setup(
    [[{ type: 'start', messageId: 'a1' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Once upon' }, { wait: hold.wait }, { type: 'text-delta', id: 't', delta: ' a time' }]],
    { tracking: { settleMs: 10 } },
  )
  act(() => void chat().sendMessage({ text: 'Story?' }))
  await screen.findByText('assistant: Once upon')
  await act(() => chat().stop())
  await status('ready')
  await settle()
  await settle()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ messageId: 'a1', message_body: 'Once upon', reply_status: 'aborted' })
})

test('a failed reply is reported once, with reply_status "error"', async () => {
  const { send, tracks, analytics, chat } = setup(
    [[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Partial'), { type: 'error', errorText: 'model overloaded' }]],
    { chat: { onError: () => {} } },
  )
  await send('Hi')
  expect(chat().status).toBe('error')
  await settle()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ messageId: 'a1', message_body: 'Partial', reply_status: 'error' })
})

test('a reply waiting on a tool approval is held; the next user message reports it first, as aborted', async () => {
  const { send, tracks } = setup([
    [
      { type: 'start', messageId: 'a1' },
      { type: 'start-step' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'pay', input: { amount: 5 } },
      { type: 'tool-approval-request', approvalId: 'ap1', toolCallId: 'c1' },
      { type: 'finish-step' },
      { type: 'finish' },
    ],
    [{ type: 'start', messageId: 'a2' }, ...textReply('t', 'Okay, never mind.'), { type: 'finish' }],
  ])
  await send('Pay Bob')
  await settle()
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  await send('Actually, no')
  expect(tracks().slice(2).map(([event, p]) => [event, p.messageId, p.reply_status])).toEqual([
    ['Message Received', 'a1', 'aborted'],
    ['Message Sent', expect.any(String), undefined],
    ['Message Received', 'a2', 'complete'],
  ])
})

test('a held reply is sent when the chat unmounts for real (StrictMode remounts do not count)', async () => {
  const { send, tracks, view } = setup([
    [{ type: 'start', messageId: 'a1' }, { type: 'start-step' }, { type: 'tool-input-available', toolCallId: 'c1', toolName: 'confirm', input: {} }, { type: 'finish' }],
  ])
  await send('Book it')
  await settle()
  expect(tracks().some(([event]) => event === 'Message Received')).toBe(false)
  view.unmount()
  await settle()
  expect(tracks().filter(([event]) => event === 'Message Received')).toEqual([['Message Received', expect.objectContaining({ messageId: 'a1', reply_status: 'aborted' })]])
})

const history: UIMessage[] = [
  { id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Old question' }] },
  {
    id: 'h2',
    role: 'assistant',
    parts: [
      { type: 'tool-weather', toolCallId: 'old-call', state: 'output-available', input: {}, output: 1 },
      { type: 'file', url: 'https://x/old.png', mediaType: 'image/png' },
      { type: 'text', text: 'Old answer', state: 'done' },
    ],
  },
]

test('restored history sends nothing; new messages do', async () => {
  const { send, tracks } = setup([[{ type: 'start', messageId: 'a3' }, ...textReply('t', 'New answer'), { type: 'finish' }]], { chat: { messages: history } })
  await settle()
  expect(tracks()).toEqual([])
  await send('New question')
  // The history marked the conversation started (its Started was sent in the earlier session).
  expect(tracks().map(([event, p]) => [event, p.message_body])).toEqual([
    ['Message Sent', 'New question'],
    ['Message Received', 'New answer'],
  ])
})

// test/e2e/nextjs.test.ts's last step, without the browser: a saved chat opened in a new tab (an
// empty key store) identifies the user again, counts the history and marks the conversation
// started, and one more exchange sends exactly its two messages, with no second Conversation Started.
test('a saved chat of 4 messages in a new tab: Identify, then one more exchange sends Message Sent and Received only', async () => {
  const saved: UIMessage[] = [
    ...history,
    { id: 'h3', role: 'user', parts: [{ type: 'text', text: 'When does it ship?' }] },
    { id: 'h4', role: 'assistant', parts: [{ type: 'step-start' }, { type: 'text', text: 'In two days.', state: 'done' }] },
  ]
  const { analytics, send } = setup([[{ type: 'start', messageId: 'a5' }, { type: 'start-step' }, ...textReply('t', 'Yes, all ', 'major cards.'), { type: 'finish-step' }, { type: 'finish' }]], {
    chat: { messages: saved },
    userId: 'user-1',
  })
  await settle()
  expect(screen.getByText('conversation: started, 4 messages')).toBeTruthy()
  expect(analytics.calls.map((call) => (call.type === 'track' ? call.event : call.type))).toEqual(['identify'])
  await send('Can I pay by card?')
  await settle()
  expect(screen.getByText('conversation: started, 6 messages')).toBeTruthy()
  expect(analytics.calls.map((call) => (call.type === 'track' ? [call.event, call.properties.message_body] : [call.type, call.userId]))).toEqual([
    ['identify', 'user-1'],
    ['Message Sent', 'Can I pay by card?'],
    ['Message Received', 'Yes, all major cards.'],
  ])
})

test('trackInitialMessages: true sends restored history once, without response-time metrics', async () => {
  const { tracks } = setup([], { chat: { messages: history }, tracking: { trackInitialMessages: true } })
  await settle()
  expect(tracks()).toEqual([
    ['Conversation Started', { conversationId: 'c1' }],
    ['Message Sent', { conversationId: 'c1', messageId: 'h1', message_body: 'Old question', role: 'customer' }],
    ['Message Received', { conversationId: 'c1', messageId: 'h2', message_body: 'Old answer', role: 'agent', reply_status: 'complete' }],
    ['Action Invoked', expect.objectContaining({ messageId: 'h2', type: 'weather', tool_call_id: 'old-call' })],
    ['Media Generated', expect.objectContaining({ messageId: 'h2', type: 'image', sub_type: 'png' })],
  ])
})

test('opening another chat (useChat id and conversationId change) treats its messages as history', async () => {
  const analytics = createMemoryAnalytics()
  // Chat A's reply waits on a client-side tool when B is opened: it is still sent, for A.
  const transport = mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Hi from A'), { type: 'tool-input-available', toolCallId: 'k', toolName: 'ask', input: {} }, { type: 'finish' }]])
  const saved: Record<string, UIMessage[]> = { B: history }
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  function View({ id }: { id: string }) {
    const chat = useChat({ id, messages: saved[id], transport })
    current.chat = chat
    useChatTracking(chat)
    return <p>{chat.status}</p>
  }
  const app = (id: string) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId={id}>
        <View id={id} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app('A'))
  await sendAndWait(() => current.chat!, 'Hello A')
  rerender(app('B'))
  await settle()
  expect(current.chat!.messages.map((m) => m.id)).toEqual(['h1', 'h2'])
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId])).toEqual([
    ['Conversation Started', 'A'],
    ['Message Sent', 'A'],
    ['Message Received', 'A'],
  ])
})

test('consecutive assistant messages that are not copies of each other are each reported', async () => {
  const { tracks } = setup([], {
    chat: {
      messages: [
        { id: 'g1', role: 'assistant', parts: [{ type: 'text', text: 'Hello!' }] },
        { id: 'g2', role: 'assistant', parts: [{ type: 'text', text: 'How can I help?' }] },
        { id: 'g3', role: 'assistant', parts: [{ type: 'file', url: 'https://x/a.png', mediaType: 'image/png' }] },
        { id: 'g4', role: 'assistant', parts: [{ type: 'file', url: 'https://x/b.png', mediaType: 'image/png' }] },
      ],
    },
    tracking: { trackInitialMessages: true },
  })
  await settle()
  expect(tracks().filter(([event]) => event === 'Message Received').map(([, p]) => p.messageId)).toEqual(['g1', 'g2', 'g3', 'g4'])
})

test('bad input never throws: a wrong chat is reported once as invalid_chat; malformed messages send what is valid', async () => {
  const errors: unknown[] = []
  const analytics = createMemoryAnalytics()
  function Bad({ chat }: { chat: unknown }) {
    useChatTracking(chat as never, { trackInitialMessages: true })
    return null
  }
  const app = (chat: unknown) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <Bad chat={chat} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app(undefined))
  rerender(app({ status: 'ready' }))
  expect(errors).toEqual(['invalid_chat'])
  rerender(
    app({
      status: 'ready',
      messages: [
        null,
        { id: 'old', role: 'user', content: 'saved before parts existed' },
        { id: 'u1', role: 'user', parts: [null, { type: 'text', text: 'Hi' }] },
        { role: 'assistant', parts: [{ type: 'text', text: 'no id' }] },
        { id: 'a1', role: 'assistant', parts: [{ type: 'file', url: 'x' }, { type: 'text', text: 'Hello' }] },
      ],
    }),
  )
  await settle()
  expect(errors).toEqual(['invalid_chat', 'missing_message_id', 'missing_type'])
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'old', ''],
    ['Message Sent', 'u1', 'Hi'],
    ['Message Received', 'a1', 'Hello'],
  ])
})

test('outside the provider it throws an error that names the provider', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  // React 18 rethrows render errors through a window error event, which jsdom would print.
  const quiet = (event: ErrorEvent) => event.preventDefault()
  window.addEventListener('error', quiet)
  expect(() => renderHook(() => useChatTracking({ messages: [], status: 'ready' }))).toThrow(/useChatTracking\(\) must be used inside <CopilotAnalyticsProvider>/)
  window.removeEventListener('error', quiet)
})

test('it types against the real useChat result, including custom message types', () => {
  type MyMessage = UIMessage<{ model: string }, { weather: { city: string } }, { lookup: { input: { q: string }; output: string } }>
  const typed = (chat: UseChatHelpers<MyMessage>) => useChatTracking(chat)
  expect(typeof typed).toBe('function')
})

test('a chat view that unmounts and remounts mid-reply (shared Chat instance) sends everything once', async () => {
  const analytics = createMemoryAnalytics()
  const hold = gate()
  const shared = new Chat({
    transport: mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Half'), { wait: hold.wait }, ...toolStep('k1', 'search', 'ok'), ...textReply('u', 'Whole'), { type: 'finish' }]]),
  })
  function View() {
    const chat = useChat({ chat: shared })
    useChatTracking(chat)
    return <p>{chat.status}</p>
  }
  const app = (view: boolean) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        {view && <View />}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app(true))
  act(() => void shared.sendMessage({ text: 'Go' }))
  await screen.findByText('streaming')
  rerender(app(false))
  rerender(app(true))
  hold.open()
  await screen.findByText('ready')
  await settle()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  expect(tracks(analytics.calls)[2][1]).toMatchObject({ messageId: 'a1', message_body: 'Half\nWhole', reply_status: 'complete' })
})
