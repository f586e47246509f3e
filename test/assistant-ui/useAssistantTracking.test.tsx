import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { fromThreadMessageLike, type ToolCallMessagePart } from '@assistant-ui/react'
import { gate, send, settle, setup, until, words, type Reply } from './scriptedModel'

// Unmount here, and let a held reply flush, before test/setup.ts forgets the sent keys: otherwise a
// late event would claim a fixed message id of the next test.
afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

const received = (rows: readonly (readonly [string, Record<string, unknown>])[]) => rows.filter(([event]) => event === 'Message Received').map(([, p]) => p)

test('one exchange: Message Sent once, Message Received once with the final text and the response-time metrics, nothing per token', async () => {
  const { aui, tracks, names } = setup([words('Hel', 'lo ', 'there', ', friend'), words('Bye')])
  await send(aui, 'Hi')
  await send(aui, 'Thanks')
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
  const [, sent, reply, , reply2] = tracks()
  const ids = aui().thread.getState().messages.map((message) => message.id)
  expect(sent[1]).toMatchObject({ conversationId: 'c1', messageId: ids[0], message_body: 'Hi', role: 'customer' })
  expect(reply[1]).toMatchObject({ messageId: ids[1], message_body: 'Hello there, friend', role: 'agent', reply_status: 'complete' })
  expect(reply2[1]).toMatchObject({ messageId: ids[3], message_body: 'Bye', reply_status: 'complete' })
  for (const [, properties] of [reply, reply2]) {
    expect(Number.isInteger(properties.time_to_first_token_ms)).toBe(true)
    expect(properties.response_time_ms as number).toBeGreaterThanOrEqual(properties.time_to_first_token_ms as number)
  }
})

test('streaming sends nothing until the reply is complete; the time to first token is measured while it streams', async () => {
  let clock = 10_000
  vi.spyOn(Date, 'now').mockImplementation(() => clock)
  const first = gate()
  const rest = gate()
  const reply: Reply = async function* ({ abortSignal }) {
    await until(first.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Thinking' }] }
    await until(rest.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Thinking... done' }] }
  }
  const { aui, tracks, names } = setup([reply])
  act(() => aui().thread.append('Hi'))
  await screen.findByText('running: true')
  expect(names()).toEqual(['Conversation Started', 'Message Sent'])
  clock += 450
  first.open()
  // (assistant-ui's smooth text rendering waits on the clock, frozen here: read the state instead)
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Thinking' }))
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent'])
  clock += 1_550
  rest.open()
  await screen.findByText('running: false')
  await settle()
  expect(received(tracks())).toEqual([expect.objectContaining({ message_body: 'Thinking... done', reply_status: 'complete', time_to_first_token_ms: 450, response_time_ms: 2000 })])
})

test('the composer sends as the app would: the first message of a new thread is live, not history', async () => {
  const { aui, names } = setup([words('Sure.')])
  act(() => {
    aui().composer.setText('Hello from the composer')
    aui().composer.send()
  })
  await waitFor(() => expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received']))
})

const history = [
  { id: 'h1', role: 'user' as const, content: 'Old question' },
  { id: 'h2', role: 'assistant' as const, content: [{ type: 'text' as const, text: 'Old answer' }], status: { type: 'complete' as const, reason: 'stop' as const } },
]

test('a restored thread is history: counted, the conversation started, nothing sent; the next exchange sends only its messages', async () => {
  const { aui, names, tracks } = setup([words('New answer')], { initialMessages: history })
  await screen.findByText('conversation: started, 2 messages')
  await settle()
  expect(names()).toEqual([])
  await send(aui, 'New question')
  await settle()
  expect(tracks().map(([event, p]) => [event, p.message_body])).toEqual([
    ['Message Sent', 'New question'],
    ['Message Received', 'New answer'],
  ])
  expect(screen.getByText('conversation: started, 4 messages')).toBeTruthy()
})

test('trackInitialMessages sends the restored history once, without response-time metrics', async () => {
  const { tracks } = setup([], { initialMessages: history, tracking: { trackInitialMessages: true } })
  await settle()
  expect(tracks()).toEqual([
    ['Conversation Started', { conversationId: 'c1' }],
    ['Message Sent', { conversationId: 'c1', messageId: 'h1', message_body: 'Old question', role: 'customer' }],
    // The reply's finish reason (its status) is its metadata: docs/llm-signals.md.
    ['Message Received', { conversationId: 'c1', messageId: 'h2', message_body: 'Old answer', role: 'agent', reply_status: 'complete', finish_reason: 'stop' }],
  ])
})

test('regenerate: Reply Regenerated for the first reply, the new reply its own Message Received; nothing is sent again when the branch picker shows either', async () => {
  const { aui, tracks } = setup([words('First try'), words('Second try')])
  await send(aui, 'Hi')
  const first = aui().thread.getState().messages[1].id
  act(() => aui().thread.message({ index: 1 }).reload())
  await waitFor(() => {
    const state = aui().thread.getState()
    expect(state.messages[1].id).not.toBe(first)
    expect(state.isRunning).toBe(false)
  })
  const second = aui().thread.getState().messages[1].id
  await settle()
  act(() => aui().thread.message({ index: 1 }).switchToBranch({ position: 'previous' }))
  await waitFor(() => expect(aui().thread.getState().messages[1].id).toBe(first))
  act(() => aui().thread.message({ index: 1 }).switchToBranch({ position: 'next' }))
  await waitFor(() => expect(aui().thread.getState().messages[1].id).toBe(second))
  await settle()
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', expect.any(String), 'Hi'],
    ['Message Received', first, 'First try'],
    ['Reply Regenerated', first, undefined],
    ['Message Received', second, 'Second try'],
  ])
})

test('cancel: the stopped reply is sent once, with the text so far and reply_status "aborted"', async () => {
  const hold = gate()
  const reply: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Once upon' }] }
    await until(hold.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Once upon a time' }] }
  }
  const { aui, names, tracks } = setup([reply], { tracking: { settleMs: 10 } })
  act(() => aui().thread.append('Story?'))
  await screen.findByText('Once upon')
  act(() => aui().thread.cancelRun())
  await screen.findByText('running: false')
  await settle()
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ message_body: 'Once upon', reply_status: 'aborted' })
})

test('an error: the reply is sent once, with the text so far and reply_status "error"', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const reply: Reply = async function* () {
    yield { content: [{ type: 'text', text: 'Partial' }] }
    await new Promise((resolve) => setTimeout(resolve, 1))
    throw new Error('model overloaded')
  }
  const { aui, names, tracks } = setup([reply])
  act(() => aui().thread.append('Hi'))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.status?.type).toBe('incomplete'))
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ message_body: 'Partial', reply_status: 'error' })
})

test('tool calls: Action Invoked once per finished call, after its reply, with tool_call_id; a failed call is "failed"', async () => {
  const reply: Reply = async function* () {
    yield { content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}' }] }
    await new Promise((resolve) => setTimeout(resolve, 1))
    const done: ToolCallMessagePart[] = [
      { type: 'tool-call' as const, toolCallId: 'call-1', toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}', result: { temperature: 21 } },
      { type: 'tool-call' as const, toolCallId: 'call-2', toolName: 'lookup', args: {}, argsText: '{}', result: 'not found', isError: true },
    ]
    yield { content: done }
    yield { content: [...done, { type: 'text', text: 'It is 21°C in Oslo.' }] }
  }
  const { aui, tracks } = setup([reply])
  await send(aui, 'Weather in Oslo?')
  await settle()
  const replyId = aui().thread.getState().messages[1].id
  expect(tracks().slice(2)).toEqual([
    ['Message Received', expect.objectContaining({ messageId: replyId, message_body: 'It is 21°C in Oslo.', reply_status: 'complete' })],
    ['Action Invoked', { conversationId: 'c1', messageId: replyId, type: 'weather', action: 'completed', role: 'agent', tool_call_id: 'call-1' }],
    ['Action Invoked', { conversationId: 'c1', messageId: replyId, type: 'lookup', action: 'failed', role: 'agent', tool_call_id: 'call-2' }],
  ])
})

test('describeAction sets the action; one that throws sends the default and reports invalid_chat', async () => {
  const reply: Reply = async function* () {
    yield { content: [{ type: 'tool-call', toolCallId: 'k', toolName: 'search', args: { q: 'x' }, argsText: '{"q":"x"}', result: 1 }, { type: 'text', text: 'ok' }] }
  }
  const ok = setup([reply], { tracking: { describeAction: (part) => `searched ${JSON.stringify(part.args)}` } })
  await send(ok.aui, 'Go')
  await settle()
  expect(ok.tracks().find(([event]) => event === 'Action Invoked')![1].action).toBe('searched {"q":"x"}')
  cleanup()
  const bad = setup([reply], {
    conversationId: 'c2',
    tracking: {
      describeAction: () => {
        throw new Error('oops')
      },
    },
  })
  await send(bad.aui, 'Go')
  await settle()
  expect(bad.tracks().find(([event]) => event === 'Action Invoked')![1].action).toBe('completed')
  expect(bad.errors).toEqual(['invalid_chat'])
})

test('images and files the assistant returns: Media Generated once each, after the reply', async () => {
  const reply: Reply = async function* () {
    yield {
      content: [
        { type: 'text', text: 'Here you go' },
        { type: 'image', image: 'data:image/png;base64,AAAA' },
        { type: 'file', data: 'https://x/report.pdf', mimeType: 'application/pdf' },
      ],
    }
  }
  const { aui, tracks } = setup([reply])
  await send(aui, 'Draw')
  await settle()
  const replyId = aui().thread.getState().messages[1].id
  expect(tracks().filter(([event]) => event === 'Media Generated').map(([, p]) => p)).toEqual([
    { conversationId: 'c1', messageId: replyId, type: 'image', sub_type: 'png', role: 'agent' },
    { conversationId: 'c1', messageId: replyId, type: 'application', sub_type: 'pdf', role: 'agent' },
  ])
})

test('the thumbs (ActionBarPrimitive.FeedbackPositive / Negative): up then down sends two ratings, the same twice sends once; the app adapter gets every click', async () => {
  const submitted: string[] = []
  const { aui, tracks } = setup([words('Rate me')], { feedback: { submit: ({ type, message }) => void submitted.push(`${type} ${message.id}`) } })
  await send(aui, 'Hi')
  await settle()
  const replyId = aui().thread.getState().messages[1].id
  fireEvent.click(screen.getByRole('button', { name: 'up' }))
  fireEvent.click(screen.getByRole('button', { name: 'up' }))
  fireEvent.click(screen.getByRole('button', { name: 'down' }))
  await settle()
  expect(tracks().filter(([event]) => event === 'Feedback Submitted')).toEqual([
    ['Feedback Submitted', { conversationId: 'c1', messageId: replyId, rating: 1 }],
    ['Feedback Submitted', { conversationId: 'c1', messageId: replyId, rating: 0 }],
  ])
  expect(submitted.length).toBeGreaterThanOrEqual(2)
  expect(submitted.at(-1)).toBe(`negative ${replyId}`)
})

test('an edit of a sent message: Message Edited for it, the edited message a new Message Sent, its reply a new Message Received; nothing is sent again', async () => {
  const { aui, tracks } = setup([words('First answer'), words('Answer to the edit')])
  await send(aui, 'Hello')
  await settle()
  const [question, answer] = aui().thread.getState().messages.map((m) => m.id)
  act(() => {
    const composer = aui().thread.message({ index: 0 }).composer()
    composer.beginEdit()
    composer.setText('Hello, edited')
    composer.send()
  })
  await waitFor(() => {
    const state = aui().thread.getState()
    expect(state.messages[0].id).not.toBe(question)
    expect(state.messages[1]?.status?.type).toBe('complete')
  })
  await settle()
  const [edited, reply] = aui().thread.getState().messages.map((m) => m.id)
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', question, 'Hello'],
    ['Message Received', answer, 'First answer'],
    ['Message Edited', question, undefined],
    ['Message Sent', edited, 'Hello, edited'],
    ['Message Received', reply, 'Answer to the edit'],
  ])
})

test('a branch never shown before (of a restored thread) is history, even after a run: the branch picker shows it, nothing is sent', async () => {
  const { aui, tracks } = setup([words('Live answer')])
  await settle()
  // A restored thread with two answers to its question: it shows the second; the first is another branch.
  const done = { type: 'complete', reason: 'stop' } as const
  act(() =>
    aui().thread.import({
      headId: 'a-new',
      messages: [
        { parentId: null, message: fromThreadMessageLike({ id: 'q', role: 'user', content: 'Question' }, 'q', done) },
        { parentId: 'q', message: fromThreadMessageLike({ id: 'a-old', role: 'assistant', content: 'Old branch' }, 'a-old', done) },
        { parentId: 'q', message: fromThreadMessageLike({ id: 'a-new', role: 'assistant', content: 'New branch' }, 'a-new', done) },
      ],
    }),
  )
  await screen.findByText('conversation: started, 2 messages')
  expect(aui().thread.getState().messages.map((m) => m.id)).toEqual(['q', 'a-new'])
  await send(aui, 'Follow-up')
  await settle()
  expect(tracks().map(([event]) => event)).toEqual(['Message Sent', 'Message Received'])
  act(() => aui().thread.message({ index: 1 }).switchToBranch({ position: 'previous' }))
  await waitFor(() => expect(aui().thread.getState().messages.map((m) => m.id)).toEqual(['q', 'a-old']))
  await settle()
  act(() => aui().thread.message({ index: 1 }).switchToBranch({ position: 'next' }))
  await waitFor(() => expect(aui().thread.getState().messages).toHaveLength(4))
  await settle()
  expect(tracks().map(([event]) => event)).toEqual(['Message Sent', 'Message Received'])
  expect(screen.getByText('conversation: started, 5 messages')).toBeTruthy()
})

test('stop before the first token, then regenerate at once: the stopped reply is still sent, empty and aborted, then the new one', async () => {
  const hold = gate()
  const stalled: Reply = async function* ({ abortSignal }) {
    await until(hold.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'never' }] }
  }
  const { aui, tracks } = setup([stalled, words('Fresh', ' answer')], { tracking: { settleMs: 200 } })
  act(() => aui().thread.append('Story?'))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.status?.type).toBe('running'))
  await settle()
  const stopped = aui().thread.getState().messages[1].id
  act(() => aui().thread.cancelRun())
  await waitFor(() => expect(aui().thread.getState().isRunning).toBe(false))
  // Within the settle delay: the stopped reply is still held when the new one takes its place.
  act(() => aui().thread.message({ index: 1 }).reload())
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Fresh answer' }))
  await waitFor(() => expect(aui().thread.getState().isRunning).toBe(false))
  await settle()
  expect(received(tracks()).map((p) => [p.messageId === stopped, p.message_body, p.reply_status])).toEqual([
    [true, '', 'aborted'],
    [false, 'Fresh answer', 'complete'],
  ])
})

test('another thread (the thread list switches) mid-reply: the reply so far is reported once, as aborted; the new thread is tracked from its first send', async () => {
  const hold = gate()
  const slow: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Half' }] }
    await until(hold.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Half and whole' }] }
  }
  const { aui, tracks } = setup([slow, words('Fresh')])
  act(() => aui().thread.append('First thread'))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Half' }))
  await settle()
  const firstThread = aui().threads.getState().mainThreadId
  const halfId = aui().thread.getState().messages[1].id
  act(() => void aui().threads.switchToNewThread())
  await waitFor(() => expect(aui().threads.getState().mainThreadId).not.toBe(firstThread))
  await settle()
  hold.open()
  await send(aui, 'Second thread')
  await settle()
  expect(tracks().map(([event, p]) => [event, p.message_body, p.reply_status])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'First thread', undefined],
    ['Message Received', 'Half', 'aborted'],
    ['Message Sent', 'Second thread', undefined],
    ['Message Received', 'Fresh', 'complete'],
  ])
  expect(tracks()[2][1].messageId).toBe(halfId)
  // Back to the first thread, its reply finished meanwhile: history there, nothing sent again.
  act(() => void aui().threads.switchToThread(firstThread))
  await waitFor(() => expect(aui().thread.getState().messages.map((m) => m.id)).toContain(halfId))
  await settle()
  expect(tracks()).toHaveLength(5)
})

test('the thread view unmounts and remounts mid-reply (a key change): everything once, the reply whole', async () => {
  const hold = gate()
  const reply: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Half' }] }
    await until(hold.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Half and whole' }] }
  }
  const { aui, app, view, names, tracks } = setup([reply])
  act(() => aui().thread.append('Go'))
  await screen.findByText('running: true')
  await settle()
  view.rerender(app(false))
  view.rerender(app(true))
  hold.open()
  await screen.findByText('running: false')
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ message_body: 'Half and whole', reply_status: 'complete' })
})

test('the thread view unmounts for good mid-reply: the reply so far is reported then, once, as aborted', async () => {
  const hold = gate()
  const reply: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Half' }] }
    await until(hold.wait, abortSignal)
    yield { content: [{ type: 'text', text: 'Half and whole' }] }
  }
  const { aui, app, view, names, tracks } = setup([reply])
  act(() => aui().thread.append('Go'))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Half' }))
  await settle()
  view.rerender(app(false))
  await settle()
  hold.open()
  await settle()
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(tracks()[2][1]).toMatchObject({ message_body: 'Half', reply_status: 'aborted' })
})

test('a reply paused on a human tool is held; answering the tool continues it, and it is sent once, with its action', async () => {
  // The run pauses on the tool; the result resumes it, and the model's next run continues the same message.
  const ask: Reply = async function* () {
    yield { content: [{ type: 'tool-call', toolCallId: 'ask-1', toolName: 'confirm', args: {}, argsText: '{}' }], status: { type: 'requires-action', reason: 'tool-calls' } }
  }
  const { aui, tracks, model } = setup([ask, words('Booked.')], { tracking: { settleMs: 10 } })
  await send(aui, 'Book it')
  await settle()
  expect(aui().thread.getState().messages[1].status).toMatchObject({ type: 'requires-action' })
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  act(() => aui().thread.message({ index: 1 }).part({ toolCallId: 'ask-1' }).addToolResult('yes'))
  await waitFor(() => expect(aui().thread.getState().messages.at(-1)!.status?.type).toBe('complete'))
  await settle()
  expect(model.runs).toBe(2)
  expect(aui().thread.getState().messages).toHaveLength(2)
  expect(tracks().slice(2).map(([event, p]) => [event, p.message_body ?? p.type])).toEqual([
    ['Message Received', 'Booked.'],
    ['Action Invoked', 'confirm'],
  ])
})

test('end() while a reply waits on a tool: its Message Received goes out first, counted, then Conversation Ended', async () => {
  const ask: Reply = async function* () {
    yield { content: [{ type: 'text', text: 'Shall I book it?' }, { type: 'tool-call', toolCallId: 'ask-2', toolName: 'confirm', args: {}, argsText: '{}' }], status: { type: 'requires-action', reason: 'tool-calls' } }
  }
  const { aui, end, tracks } = setup([ask])
  await send(aui, 'Book it')
  await settle()
  end()
  await settle()
  expect(tracks().map(([event, p]) => [event, p.reply_status ?? p.message_count])).toEqual([
    ['Conversation Started', undefined],
    ['Message Sent', undefined],
    ['Message Received', 'aborted'],
    ['Conversation Ended', 2],
  ])
})

test('outside <AssistantRuntimeProvider> it never throws: onError hears invalid_chat once, nothing is sent', async () => {
  const { CopilotAnalyticsProvider } = await import('../../src/entries')
  const { useAssistantTracking } = await import('../../src/entries/assistant-ui')
  const { createMemoryAnalytics } = await import('../../src/entries/testing')
  const { render } = await import('@testing-library/react')
  const { StrictMode } = await import('react')
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  function Lonely() {
    useAssistantTracking()
    return <p>still here</p>
  }
  const app = (n: number) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <Lonely key="one" />
        <span>{n}</span>
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(app(1))
  rerender(app(2))
  await settle()
  expect(screen.getByText('still here')).toBeTruthy()
  expect(errors).toEqual(['invalid_chat'])
  expect(analytics.calls).toEqual([])
})
