// The reply lifecycle through the real useChat (issue 12, defects 1-6): a held reply and the end of
// the conversation, stop/regenerate, a chat switch mid-reply, history at start and loaded later,
// and a describeAction that returns the wrong thing. Everything renders under StrictMode.
import { StrictMode, useEffect } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { Chat, useChat, type UseChatHelpers } from '@ai-sdk/react'
import { lastAssistantMessageIsCompleteWithToolCalls, type ChatInit, type UIMessage, type UIMessageChunk } from 'ai'
import { CopilotAnalyticsProvider, useConversation, type UseConversationResult } from '../../src/entries'
import { useChatTracking, type ChatTrackingOptions } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { gate, mockTransport, sendAndWait, textReply, type Step } from './mockTransport'

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

type ChatOptions = Omit<ChatInit<UIMessage>, 'transport'>

const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const wait = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

function setup(
  replies: Step[][],
  { tracking, chat: chatOptions, endOnUnmount, load }: { tracking?: ChatTrackingOptions; chat?: ChatOptions; endOnUnmount?: boolean; load?: UIMessage[] } = {},
) {
  const analytics = createMemoryAnalytics()
  const transport = mockTransport(replies)
  const current: { chat?: UseChatHelpers<UIMessage>; conversation?: UseConversationResult } = {}
  function Chat() {
    const chat = useChat({ ...chatOptions, transport })
    current.chat = chat
    current.conversation = useConversation()
    useChatTracking(chat, tracking)
    const { setMessages } = chat
    // The usual load-from-server pattern: the saved messages arrive right after mount.
    useEffect(() => {
      if (load) setMessages(load)
    }, [setMessages])
    return <p>status: {chat.status}</p>
  }
  const errors: string[] = []
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" endOnUnmount={endOnUnmount} onError={(error) => errors.push(error.code)}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  return {
    analytics,
    view,
    errors,
    chat: () => current.chat!,
    conversation: () => current.conversation!,
    status: (value: string) => screen.findByText('status: ' + value),
    tracks: () => tracks(analytics.calls),
    names: () => tracks(analytics.calls).map(([event]) => event),
  }
}

/** A reply that stops after a client-side tool call with no output yet: it waits on the app. */
const waitsOnTool: Step[] = [
  { type: 'start', messageId: 'a1' },
  { type: 'start-step' },
  ...textReply('t', 'Let me check.'),
  { type: 'tool-input-available', toolCallId: 'k1', toolName: 'locate', input: {} },
  { type: 'finish-step' },
  { type: 'finish' },
]
const waitsOnApproval: Step[] = [
  { type: 'start', messageId: 'a1' },
  { type: 'start-step' },
  { type: 'tool-input-available', toolCallId: 'k1', toolName: 'pay', input: { amount: 5 } },
  { type: 'tool-approval-request', approvalId: 'ap1', toolCallId: 'k1' },
  { type: 'finish-step' },
  { type: 'finish' },
]
/** Streams "Once upon" and then waits, until stopped (or the gate opens). */
const storyUntil = (hold: { wait: Promise<unknown> }): Step[] => [
  { type: 'start', messageId: 'a1' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Once upon' },
  { wait: hold.wait },
  { type: 'text-delta', id: 't', delta: ' a time' },
  { type: 'text-end', id: 't' },
  { type: 'finish' },
]
const answer = (id: string, text: string): Step[] => [{ type: 'start', messageId: id }, ...textReply('t', text), { type: 'finish' }]

const history: UIMessage[] = [
  { id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Old question' }] },
  { id: 'h2', role: 'assistant', parts: [{ type: 'text', text: 'Old answer', state: 'done' }] },
]

// Defect 1 -----------------------------------------------------------------------------------------

test('end() while a reply waits on a client-side tool: that reply first, counted, then Conversation Ended', async () => {
  const { chat, conversation, status, tracks, names } = setup([waitsOnTool])
  await sendAndWait(chat, 'Where am I?')
  await status('ready')
  await wait(30)
  expect(names()).toEqual(['Conversation Started', 'Message Sent'])
  act(() => conversation().end())
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
  expect(tracks()[2][1]).toMatchObject({ messageId: 'a1', message_body: 'Let me check.', reply_status: 'aborted' })
  expect(tracks()[3][1]).toMatchObject({ message_count: 2 })
  await wait(30)
  expect(names()).toHaveLength(4)
})

test('end() right after stop(), inside the settle delay: the stopped reply first, counted, then Conversation Ended', async () => {
  const hold = gate()
  const { chat, conversation, status, tracks, names } = setup([storyUntil(hold)], { tracking: { settleMs: 5_000 } })
  act(() => void chat().sendMessage({ text: 'Story?' }))
  await screen.findByText('status: streaming')
  await wait(20)
  await act(() => chat().stop())
  await status('ready')
  act(() => conversation().end())
  expect(tracks().map(([event, p]) => [event, p.message_body ?? p.message_count, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'Story?', undefined],
    ['Message Received', 'Once upon', 'aborted'],
    ['Conversation Ended', 2, undefined],
  ])
  hold.open()
  await wait(30)
  expect(names()).toHaveLength(4)
})

test('endOnUnmount while a reply is held: Message Received, then Conversation Ended that counts it', async () => {
  const { chat, status, view, tracks } = setup([waitsOnApproval], { endOnUnmount: true })
  await sendAndWait(chat, 'Pay Bob')
  await status('ready')
  await wait(30)
  view.unmount()
  await wait(0)
  expect(tracks().map(([event, p]) => [event, p.reply_status ?? p.message_count])).toEqual([
    ['Conversation Started', undefined],
    ['Message Sent', undefined],
    ['Message Received', 'aborted'],
    ['Conversation Ended', 2],
  ])
})

// Defect 2 -----------------------------------------------------------------------------------------

test('stop() then regenerate() within the settle delay: the stopped reply is reported once, as aborted', async () => {
  const hold = gate()
  const { chat, status, tracks } = setup([storyUntil(hold), answer('a2', 'A new story.')], { tracking: { settleMs: 5_000 } })
  act(() => void chat().sendMessage({ text: 'Story?' }))
  await screen.findByText('status: streaming')
  await wait(20)
  await act(() => chat().stop())
  await status('ready')
  await act(() => chat().regenerate())
  await status('ready')
  await wait(30)
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined, undefined],
    ['Message Sent', expect.any(String), 'Story?', undefined],
    ['Message Received', 'a1', 'Once upon', 'aborted'],
    ['Reply Regenerated', 'a1', undefined, undefined],
    ['Message Received', 'a2', 'A new story.', 'complete'],
  ])
})

// A stopped reply that regenerate() replaces with one that begins the same way (or both empty) is
// not the SDK's earlier copy of that reply (an id swapped within one request): it is its own reply.
test('stop() then regenerate() into a reply that begins with the same text: both reported once, the stopped one aborted', async () => {
  const hold = gate()
  const { chat, status, tracks } = setup([storyUntil(hold), answer('a2', 'Once upon a time, again.')], { tracking: { settleMs: 5_000 } })
  act(() => void chat().sendMessage({ text: 'Story?' }))
  await screen.findByText('status: streaming')
  await wait(20)
  await act(() => chat().stop())
  await status('ready')
  await act(() => chat().regenerate())
  await status('ready')
  await wait(30)
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined, undefined],
    ['Message Sent', expect.any(String), 'Story?', undefined],
    ['Message Received', 'a1', 'Once upon', 'aborted'],
    ['Reply Regenerated', 'a1', undefined, undefined],
    ['Message Received', 'a2', 'Once upon a time, again.', 'complete'],
  ])
})

test('stop() before the first token, then regenerate() at once: the empty reply and the new one each reported once', async () => {
  const hold = gate()
  const { chat, status, tracks } = setup([[{ type: 'start', messageId: 'a1' }, { type: 'text-start', id: 't' }, { wait: hold.wait }, { type: 'text-delta', id: 't', delta: 'Late.' }, { type: 'text-end', id: 't' }, { type: 'finish' }], answer('a2', 'Here.')], {
    tracking: { settleMs: 5_000 },
  })
  act(() => void chat().sendMessage({ text: 'Story?' }))
  await screen.findByText('status: streaming')
  await wait(20)
  await act(() => chat().stop())
  await act(() => chat().regenerate())
  await status('ready')
  await wait(30)
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined, undefined],
    ['Message Sent', expect.any(String), 'Story?', undefined],
    ['Message Received', 'a1', '', 'aborted'],
    ['Reply Regenerated', 'a1', undefined, undefined],
    ['Message Received', 'a2', 'Here.', 'complete'],
  ])
})

test('a reply waiting on a tool approval, then regenerate(): the first reply is reported once, as aborted', async () => {
  const { chat, status, tracks } = setup([waitsOnApproval, answer('a2', 'Paid.')])
  await sendAndWait(chat, 'Pay Bob')
  await status('ready')
  await wait(30)
  await act(() => chat().regenerate())
  await status('ready')
  await wait(30)
  expect(tracks().filter(([event]) => event === 'Message Received').map(([, p]) => [p.messageId, p.reply_status])).toEqual([
    ['a1', 'aborted'],
    ['a2', 'complete'],
  ])
  expect(tracks().filter(([event]) => event === 'Reply Regenerated').map(([, p]) => p.messageId)).toEqual(['a1'])
})

// Defect 3 -----------------------------------------------------------------------------------------

test('opening another chat while a reply streams: that reply is reported into its own conversation, once', async () => {
  const analytics = createMemoryAnalytics()
  const hold = gate()
  const transport = mockTransport([[{ type: 'start', messageId: 'a1' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hi from A' }, { wait: hold.wait }, { type: 'text-end', id: 't' }, { type: 'finish' }]])
  const saved: Record<string, UIMessage[]> = { B: history }
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  function View({ id }: { id: string }) {
    const chat = useChat({ id, messages: saved[id], transport })
    current.chat = chat
    useChatTracking(chat)
    return <p>{chat.messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).join('|')}</p>
  }
  const app = (id: string) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId={id}>
        <View id={id} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app('A'))
  act(() => void current.chat!.sendMessage({ text: 'Hello A' }))
  await screen.findByText('Hello A|Hi from A')
  rerender(app('B'))
  hold.open()
  await wait(30)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.message_body, p.reply_status])).toEqual([
    ['Conversation Started', 'A', undefined, undefined],
    ['Message Sent', 'A', 'Hello A', undefined],
    ['Message Received', 'A', 'Hi from A', 'aborted'],
  ])
})

test('opening another chat by remounting the view (a key per chat) while a reply streams: reported into its own conversation, once', async () => {
  const analytics = createMemoryAnalytics()
  const hold = gate()
  const transport = mockTransport([[{ type: 'start', messageId: 'a1' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Hi from A' }, { wait: hold.wait }, { type: 'text-end', id: 't' }, { type: 'finish' }]])
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  function View({ id }: { id: string }) {
    const chat = useChat({ id, transport })
    current.chat = chat
    useChatTracking(chat)
    return <p>{chat.messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).join('|')}</p>
  }
  const app = (id: string) => (
    <StrictMode>
      <CopilotAnalyticsProvider key={id} analytics={analytics} conversationId={id} endOnUnmount>
        <View id={id} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app('A'))
  act(() => void current.chat!.sendMessage({ text: 'Hello A' }))
  await screen.findByText('Hello A|Hi from A')
  rerender(app('B'))
  await wait(0)
  hold.open()
  await wait(30)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.message_body ?? p.message_count, p.reply_status])).toEqual([
    ['Conversation Started', 'A', undefined, undefined],
    ['Message Sent', 'A', 'Hello A', undefined],
    ['Message Received', 'A', 'Hi from A', 'aborted'],
    ['Conversation Ended', 'A', 2, undefined],
  ])
})

// Defects 4 and 5 ----------------------------------------------------------------------------------

test('messages present when tracking begins are history: counted, the conversation started, nothing sent', async () => {
  const { chat, conversation, status, names, tracks } = setup([answer('a3', 'New answer')], { chat: { messages: history } })
  await wait(30)
  expect(names()).toEqual([])
  expect(conversation()).toMatchObject({ isStarted: true, messageCount: 2 })
  await sendAndWait(chat, 'New question')
  await status('ready')
  act(() => conversation().end())
  expect(names()).toEqual(['Message Sent', 'Message Received', 'Conversation Ended'])
  expect(tracks()[2][1]).toMatchObject({ message_count: 4 })
})

test('history loaded with setMessages right after mount is history too, not sent as live', async () => {
  const { chat, conversation, status, names, tracks } = setup([answer('a3', 'New answer')], { load: history })
  await wait(30)
  expect(chat().messages.map((m) => m.id)).toEqual(['h1', 'h2'])
  expect(names()).toEqual([])
  expect(conversation()).toMatchObject({ isStarted: true, messageCount: 2 })
  await sendAndWait(chat, 'New question')
  await status('ready')
  act(() => conversation().end())
  expect(tracks().map(([event, p]) => [event, p.message_body ?? p.message_count])).toEqual([
    ['Message Sent', 'New question'],
    ['Message Received', 'New answer'],
    ['Conversation Ended', 4],
  ])
})

test('history loaded a while after mount (a slow fetch) is history; a message appended after a request is live', async () => {
  const { chat, names } = setup([answer('a3', 'New answer')])
  await wait(30)
  act(() => chat().setMessages(history))
  await wait(30)
  expect(names()).toEqual([])
  await sendAndWait(chat, 'New question')
  await wait(30)
  // After a request, a message the app appends itself is live.
  act(() => chat().setMessages((messages) => [...messages, { id: 'n1', role: 'assistant', parts: [{ type: 'text', text: 'A note' }] }]))
  await wait(30)
  expect(names()).toEqual(['Message Sent', 'Message Received', 'Message Received'])
})

// Defect 6 -----------------------------------------------------------------------------------------

test('describeAction returning "" or a non-string: the default action is sent, invalid_chat reported', async () => {
  const tool = (id: string): UIMessageChunk[] => [
    { type: 'tool-input-available', toolCallId: id, toolName: 'weather', input: {} },
    { type: 'tool-output-available', toolCallId: id, output: 21 },
  ]
  const { chat, status, tracks, errors } = setup(
    [[{ type: 'start', messageId: 'a1' }, { type: 'start-step' }, ...tool('k1'), ...tool('k2'), { type: 'finish-step' }, { type: 'start-step' }, ...textReply('t', 'ok'), { type: 'finish-step' }, { type: 'finish' }]],
    { tracking: { describeAction: (part) => (part.toolCallId === 'k1' ? '' : (42 as unknown as string)) } },
  )
  await sendAndWait(chat, 'Weather?')
  await status('ready')
  expect(tracks().filter(([event]) => event === 'Action Invoked').map(([, p]) => [p.tool_call_id, p.action])).toEqual([
    ['k1', 'completed'],
    ['k2', 'completed'],
  ])
  expect(errors).toEqual(['invalid_chat', 'invalid_chat'])
})

// A remount over the same chat (model test) ----------------------------------------------------------

/** A shared Chat instance, its view and provider remountable by `key`, under StrictMode. */
function remountable(replies: Step[][], chatOptions: ChatOptions = {}) {
  const analytics = createMemoryAnalytics()
  const chat: Chat<UIMessage> = new Chat({ ...chatOptions, transport: mockTransport(replies) })
  const current: { conversation?: UseConversationResult } = {}
  function View() {
    const helpers = useChat({ chat })
    useChatTracking(helpers)
    current.conversation = useConversation()
    return <p>status: {helpers.status}</p>
  }
  const keys = { view: 0, provider: 0 }
  const app = () => (
    <StrictMode>
      <CopilotAnalyticsProvider key={keys.provider} analytics={analytics} conversationId="c1">
        <View key={keys.view} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(app())
  return {
    chat,
    conversation: () => current.conversation!,
    remount: (which: 'view' | 'provider') => (keys[which]++, view.rerender(app())),
    tracks: () => tracks(analytics.calls),
  }
}

test('a reply waiting on an approval when the chat view remounts (a new key): the remounted view reports it, once, when the next message follows', async () => {
  const { chat, conversation, remount, tracks } = remountable([waitsOnApproval, answer('a2', 'Sure.')])
  await sendAndWait(() => chat, 'Pay Bob')
  await wait(30)
  remount('view')
  await wait(30)
  // Still held: the user may yet answer the approval in the remounted view.
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  await sendAndWait(() => chat, 'Never mind')
  await wait(30)
  act(() => conversation().end())
  expect(tracks().map(([event, p]) => [event, p.messageId ?? p.message_count, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', expect.any(String), undefined],
    ['Message Received', 'a1', 'aborted'],
    ['Message Sent', expect.any(String), undefined],
    ['Message Received', 'a2', 'complete'],
    ['Conversation Ended', 4, undefined],
  ])
})

test('a reply waiting on a client-side tool when the provider remounts: continued after the tool output, reported once, complete', async () => {
  const { chat, conversation, remount, tracks } = remountable([waitsOnTool, [{ type: 'start' }, { type: 'start-step' }, ...textReply('u', 'You are in Oslo.'), { type: 'finish-step' }, { type: 'finish' }]], {
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithToolCalls,
  })
  await sendAndWait(() => chat, 'Where am I?')
  await wait(30)
  remount('provider')
  await wait(30)
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  await act(async () => {
    await chat.addToolOutput({ tool: 'locate', toolCallId: 'k1', output: 'Oslo' })
  })
  await waitFor(() => expect(tracks().map(([event]) => event)).toContain('Message Received'))
  await wait(30)
  act(() => conversation().end())
  expect(tracks().map(([event, p]) => [event, p.message_body ?? p.message_count, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'Where am I?', undefined],
    ['Message Received', 'Let me check.\nYou are in Oslo.', 'complete'],
    ['Action Invoked', undefined, undefined],
    ['Conversation Ended', 2, undefined],
  ])
})
