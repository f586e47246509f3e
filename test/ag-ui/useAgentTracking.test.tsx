import { StrictMode, useState } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { EventType, type AbstractAgent, type Message } from '@ag-ui/client'
import { CopilotAnalyticsProvider, useConversation } from '../../src/entries'
import { useAgentTracking, type AgentTrackingOptions } from '../../src/entries/ag-ui'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { checkConformance } from '../../src/testing/conformance'
import { segmentCopilot } from '../../src/specs/segmentCopilot'
import { finished, gate, httpAgent, reply, runError, ScriptedAgent, send, sseUntilAborted, started, text, toolCall, toolResult, type Step } from './scriptedAgent'

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const names = (calls: MemoryCall[]) => tracks(calls).map(([event]) => event)
const received = (calls: MemoryCall[]) => tracks(calls).filter(([event]) => event === 'Message Received').map(([, properties]) => properties)
const tick = (ms = 0) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

function Tracked({ agent, options, label }: { agent: AbstractAgent; options?: AgentTrackingOptions; label?: string }) {
  useAgentTracking(agent, options)
  const { messageCount, isStarted } = useConversation()
  return <p>{`${label ?? 'chat'}: ${isStarted ? 'started' : 'not started'}, ${messageCount} messages`}</p>
}

/** The agent tracked under StrictMode, inside the provider. */
function setup(agent: AbstractAgent, options?: AgentTrackingOptions) {
  const analytics = createMemoryAnalytics()
  const errors: { code: string; message: string }[] = []
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error)}>
        <Tracked agent={agent} options={options} />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  return { analytics, errors, view }
}

const run = async (agent: AbstractAgent, id: string, content: string) => {
  const result = await act(() => send(agent, id, content))
  await tick()
  return result
}

test('a reply streamed token by token: nothing until its end, then Message Received once with the final body and the response-time metrics', async () => {
  const halfway = gate()
  const agent = new ScriptedAgent([[started, { type: EventType.TEXT_MESSAGE_START, messageId: 'a1' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Hel' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'lo ' }, { wait: halfway.wait }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'there' }, { type: EventType.TEXT_MESSAGE_END, messageId: 'a1' }, finished()], reply('a2', 'Bye')])
  const { analytics, errors } = setup(agent)
  let done!: Promise<unknown>
  act(() => {
    done = send(agent, 'u1', 'Hi')
  })
  await tick(5)
  expect(agent.messages.map((m) => m.id)).toEqual(['u1', 'a1'])
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  await act(() => halfway.open())
  await act(() => done)
  await tick()
  await run(agent, 'u2', 'Thanks')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
  const [first, second] = received(analytics.calls)
  expect(first).toMatchObject({ conversationId: 'c1', messageId: 'a1', message_body: 'Hello there', role: 'agent', reply_status: 'complete' })
  expect(first.time_to_first_token_ms).toEqual(expect.any(Number))
  expect(first.response_time_ms).toEqual(expect.any(Number))
  expect(second).toMatchObject({ messageId: 'a2', message_body: 'Bye', reply_status: 'complete' })
  expect(tracks(analytics.calls)[1][1]).toMatchObject({ messageId: 'u1', message_body: 'Hi', role: 'customer' })
  expect(errors).toEqual([])
  expect(checkConformance(analytics.calls, segmentCopilot)).toEqual([])
})

test('history: the messages the agent holds before its first run are counted, never sent; the run after them is live', async () => {
  const history: Message[] = [
    { id: 'h1', role: 'user', content: 'Earlier question' },
    { id: 'h2', role: 'assistant', content: 'Earlier answer' },
  ]
  const agent = new ScriptedAgent([reply('a1', 'Fresh answer')], { initialMessages: history })
  const { analytics, view } = setup(agent)
  await tick()
  expect(names(analytics.calls)).toEqual([])
  expect(view.getByText('chat: started, 2 messages')).toBeTruthy()
  // Loaded a moment later (a thread restored from the server): history too.
  act(() => agent.setMessages([...history, { id: 'h3', role: 'user', content: 'Loaded later' }, { id: 'h4', role: 'assistant', content: 'Also history' }]))
  await tick()
  expect(names(analytics.calls)).toEqual([])
  await run(agent, 'u1', 'New question')
  expect(names(analytics.calls)).toEqual(['Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1', message_body: 'Fresh answer' })
  expect(view.getByText('chat: started, 6 messages')).toBeTruthy()
})

test('history replayed by connectAgent() on mount (as CopilotKit restores a thread) is counted, never sent', async () => {
  const agent = new ScriptedAgent([reply('a1', 'Fresh')])
  agent.replay = [
    started,
    { type: EventType.MESSAGES_SNAPSHOT, messages: [{ id: 'h1', role: 'user', content: 'Stored question' }, { id: 'h2', role: 'assistant', content: 'Stored answer' }] },
    ...text('h3', 'A stored reply, streamed again'),
    finished(),
  ]
  const { analytics, view } = setup(agent)
  await act(() => agent.connectAgent())
  await tick()
  expect(agent.messages.map((m) => m.id)).toEqual(['h1', 'h2', 'h3'])
  expect(names(analytics.calls)).toEqual([])
  expect(view.getByText('chat: started, 3 messages')).toBeTruthy()
  await run(agent, 'u1', 'New question')
  expect(names(analytics.calls)).toEqual(['Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1', message_body: 'Fresh', response_time_ms: expect.any(Number) })
})

test('tracking that begins while a replay (or any run it did not see begin) is in flight takes what it brings as history', async () => {
  const agent = new ScriptedAgent([reply('a1', 'Fresh')])
  agent.replay = [started, { type: EventType.MESSAGES_SNAPSHOT, messages: [{ id: 'h1', role: 'user', content: 'Stored' }, { id: 'h2', role: 'assistant', content: 'Stored answer' }] }, finished()]
  // The replay starts before the view mounts: its run never calls this view's subscriber.
  const connected = agent.connectAgent()
  const { analytics, view } = setup(agent)
  await act(() => connected)
  await tick()
  await run(agent, 'u1', 'New question')
  expect(names(analytics.calls)).toEqual(['Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1' })
  expect(view.getByText('chat: started, 4 messages')).toBeTruthy()
})

test('the first message, added a few tasks before its run starts (as the runAgent of CopilotKit may), is live: Sent, not history', async () => {
  const agent = new ScriptedAgent([reply('a1', 'Answer')])
  const { analytics } = setup(agent)
  act(() => agent.addMessage({ id: 'u1', role: 'user', content: 'Hi' }))
  await tick(20)
  expect(names(analytics.calls)).toEqual([])
  await act(() => agent.runAgent())
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
})

test('trackInitialMessages sends the history once, without response-time metrics', async () => {
  const agent = new ScriptedAgent([], { initialMessages: [{ id: 'h1', role: 'user', content: 'Q' }, { id: 'h2', role: 'assistant', content: 'A' }] })
  const { analytics } = setup(agent, { trackInitialMessages: true })
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).not.toHaveProperty('response_time_ms')
})

test('abortRun() mid-stream: the reply is sent once, aborted, with the text so far', async () => {
  const never = gate()
  const agent = new ScriptedAgent([[started, { type: EventType.TEXT_MESSAGE_START, messageId: 'a1' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Partial ans' }, { wait: never.wait }], reply('a2', 'Next')])
  const { analytics, errors } = setup(agent)
  let done!: Promise<unknown>
  act(() => {
    done = send(agent, 'u1', 'Hi')
  })
  await tick(5)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  act(() => agent.abortRun())
  await act(() => done)
  await tick()
  expect(received(analytics.calls)).toEqual([expect.objectContaining({ messageId: 'a1', message_body: 'Partial ans', reply_status: 'aborted' })])
  // Not again: not on the next run, not at unmount.
  await run(agent, 'u2', 'Again')
  cleanup()
  await tick()
  expect(received(analytics.calls).map((p) => [p.messageId, p.reply_status])).toEqual([
    ['a1', 'aborted'],
    ['a2', 'complete'],
  ])
  expect(errors).toEqual([])
})

test('abortRun() on an HttpAgent (mocked fetch, SSE stream): aborted once, and a stop is not an error', async () => {
  const agent = httpAgent([
    (signal) =>
      sseUntilAborted(
        [
          { type: EventType.RUN_STARTED, threadId: 't1', runId: 'r1' },
          { type: EventType.TEXT_MESSAGE_START, messageId: 'a1', role: 'assistant' },
          { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Thinking about' },
        ],
        signal,
      ),
  ])
  const { analytics, errors } = setup(agent)
  let done!: Promise<unknown>
  act(() => {
    done = send(agent, 'u1', 'Hi')
  })
  await vi.waitFor(() => expect(agent.messages.find((m) => m.id === 'a1')?.content).toBe('Thinking about'))
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  act(() => agent.abortRun())
  await act(() => done)
  await tick()
  expect(received(analytics.calls)).toEqual([expect.objectContaining({ messageId: 'a1', message_body: 'Thinking about', reply_status: 'aborted' })])
  expect(errors).toEqual([])
})

test('an HttpAgent run over SSE: Sent, then Received once with the whole body', async () => {
  const agent = httpAgent([reply('a1', 'Over ', 'the ', 'wire')])
  const { analytics, errors } = setup(agent)
  await run(agent, 'u1', 'Hi')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1', message_body: 'Over the wire', reply_status: 'complete' })
  expect(errors).toEqual([])
})

test('RUN_ERROR: the reply is sent once with reply_status error; the agent reporting its error is not an onError', async () => {
  const agent = new ScriptedAgent([[started, { type: EventType.TEXT_MESSAGE_START, messageId: 'a1' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Half' }, runError('model overloaded')], reply('a2', 'Recovered')])
  const { analytics, errors } = setup(agent)
  await run(agent, 'u1', 'Hi')
  await run(agent, 'u2', 'Retry')
  expect(received(analytics.calls).map((p) => [p.messageId, p.message_body, p.reply_status])).toEqual([
    ['a1', 'Half', 'error'],
    ['a2', 'Recovered', 'complete'],
  ])
  expect(errors).toEqual([])
})

test('a run that fails before any reply sends no reply; the user message was sent once', async () => {
  const agent = new ScriptedAgent([[started, runError('no capacity')]])
  const { analytics } = setup(agent)
  await run(agent, 'u1', 'Hi')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
})

test('tool calls: one reply per turn (the AG-UI messages that call tools, and the one that goes on); Action Invoked once per answered call, after it, with tool_call_id', async () => {
  const agent = new ScriptedAgent([
    [started, ...toolCall('call1', 'get_weather', 'a1'), toolResult('call1', 'tool1', '{"temp":12}'), ...toolCall('call2', 'get_stock', 'a1'), toolResult('call2', 'tool2', ''), ...text('a2', 'It is 12 degrees'), finished()],
  ])
  const describeAction = vi.fn(({ toolCall, result }) => `${toolCall.function.name} -> ${result.content || 'nothing'}`)
  const { analytics, errors } = setup(agent, { describeAction })
  await run(agent, 'u1', 'Weather?')
  // AG-UI added the second call to a1 after the first call's tool message: it is not lost.
  expect(agent.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'tool1', 'tool2', 'a2'])
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked', 'Action Invoked'])
  const actions = tracks(analytics.calls).filter(([event]) => event === 'Action Invoked').map(([, p]) => p)
  expect(actions).toEqual([
    expect.objectContaining({ messageId: 'a2', type: 'get_weather', action: 'get_weather -> {"temp":12}', tool_call_id: 'call1' }),
    expect.objectContaining({ messageId: 'a2', type: 'get_stock', action: 'get_stock -> nothing', tool_call_id: 'call2' }),
  ])
  expect(received(analytics.calls)).toEqual([expect.objectContaining({ messageId: 'a2', message_body: 'It is 12 degrees', reply_status: 'complete', response_time_ms: expect.any(Number) })])
  expect(errors).toEqual([])
})

test('a frontend tool: the reply waits on the app; answered and continued in the same task, it is one reply with its Action Invoked', async () => {
  const agent = new ScriptedAgent([[started, ...text('a1', 'Let me look'), ...toolCall('call1', 'confirm', 'a1'), finished()], reply('a2', 'Done')])
  const { analytics } = setup(agent)
  await run(agent, 'u1', 'Book it')
  await tick(20)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  await act(() => {
    agent.addMessage({ id: 'tool1', role: 'tool', toolCallId: 'call1', content: 'no', error: 'declined by the user' })
    return agent.runAgent()
  })
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a2', message_body: 'Let me look\nDone', reply_status: 'complete' })
  expect(tracks(analytics.calls)[3][1]).toMatchObject({ type: 'confirm', action: 'failed', tool_call_id: 'call1', messageId: 'a2' })
})

test('a frontend tool answered later (the reply at rest): that reply is sent with its action, and the next run is a reply of its own', async () => {
  const agent = new ScriptedAgent([[started, ...text('a1', 'Let me look'), ...toolCall('call1', 'confirm', 'a1'), finished()], reply('a2', 'Booked')])
  const { analytics } = setup(agent)
  await run(agent, 'u1', 'Book it')
  act(() => agent.addMessage({ id: 'tool1', role: 'tool', toolCallId: 'call1', content: 'yes' }))
  await tick(5)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  await act(() => agent.runAgent())
  await tick()
  expect(received(analytics.calls).map((p) => [p.messageId, p.message_body])).toEqual([
    ['a1', 'Let me look'],
    ['a2', 'Booked'],
  ])
  expect(names(analytics.calls).filter((name) => name === 'Action Invoked')).toHaveLength(1)
})

test('another thread: its messages are history, and the previous thread is not sent again', async () => {
  const agent = new ScriptedAgent([reply('a1', 'First thread'), reply('b2', 'Second thread')])
  const { analytics } = setup(agent)
  await run(agent, 'u1', 'Hi')
  act(() => {
    agent.threadId = 't2'
    agent.setMessages([
      { id: 'b0', role: 'user', content: 'Old question in t2' },
      { id: 'b1', role: 'assistant', content: 'Old answer in t2' },
    ])
  })
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  await run(agent, 'u2', 'New in t2')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
  expect(received(analytics.calls)[1]).toMatchObject({ messageId: 'b2', message_body: 'Second thread' })
})

test('a run that failed, then another thread opened empty and its history loaded: the history is not sent (the failure was of the other thread)', async () => {
  const agent = new ScriptedAgent([[started, ...text('a1', 'Partly'), runError('model down')]])
  const { analytics } = setup(agent)
  await run(agent, 'u1', 'Hi')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  act(() => {
    agent.threadId = 't2'
    agent.setMessages([])
  })
  await tick()
  act(() =>
    agent.setMessages([
      { id: 'b0', role: 'user', content: 'Old question in t2' },
      { id: 'b1', role: 'assistant', content: 'Old answer in t2' },
    ]),
  )
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
})

test('a remount mid-stream (a key change) continues the reply: sent once, complete, with the metrics', async () => {
  const halfway = gate()
  const agent = new ScriptedAgent([[started, { type: EventType.TEXT_MESSAGE_START, messageId: 'a1' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Before ' }, { wait: halfway.wait }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'after' }, { type: EventType.TEXT_MESSAGE_END, messageId: 'a1' }, finished()]])
  const analytics = createMemoryAnalytics()
  let remount!: () => void
  function App() {
    const [key, setKey] = useState(0)
    remount = () => setKey((k) => k + 1)
    return <Tracked key={key} agent={agent} label={'view ' + key} />
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        <App />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  let done!: Promise<unknown>
  act(() => {
    done = send(agent, 'u1', 'Hi')
  })
  await tick(5)
  act(() => remount())
  await tick(5)
  await act(() => halfway.open())
  await act(() => done)
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1', message_body: 'Before after', reply_status: 'complete', response_time_ms: expect.any(Number) })
})

test('the chat view unmounts for good mid-stream: the reply is sent once, aborted, with the text so far', async () => {
  const never = gate()
  const agent = new ScriptedAgent([[started, { type: EventType.TEXT_MESSAGE_START, messageId: 'a1' }, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'a1', delta: 'Gone' }, { wait: never.wait }]])
  const { analytics, view } = setup(agent)
  act(() => void send(agent, 'u1', 'Hi'))
  await tick(5)
  view.unmount()
  await tick()
  expect(received(analytics.calls)).toEqual([expect.objectContaining({ messageId: 'a1', message_body: 'Gone', reply_status: 'aborted' })])
})

test('hostile events: an out-of-order or malformed stream never throws into the app; onError hears invalid_agent', async () => {
  const agent = new ScriptedAgent([
    [started, { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'ghost', delta: 'no start' }],
    [started, ...text('a2', 'Fine'), { delay: 5 }, { type: EventType.TEXT_MESSAGE_END, messageId: 'a2' }],
    [started, { type: EventType.TOOL_CALL_START, toolCallId: 42 as unknown as string, toolCallName: null as unknown as string }, finished()],
    [started, ...text('a4', 'Still fine'), finished()],
  ])
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const { analytics, errors } = setup(agent)
  for (const [id, content] of [
    ['u1', 'one'],
    ['u2', 'two'],
    ['u3', 'three'],
    ['u4', 'four'],
  ]) {
    await run(agent, id, content)
  }
  expect(errors.map((e) => e.code)).toEqual(['invalid_agent', 'invalid_agent', 'invalid_agent'])
  expect(received(analytics.calls).map((p) => [p.messageId, p.reply_status])).toEqual([
    ['a2', 'error'],
    ['a4', 'complete'],
  ])
  expect(names(analytics.calls).filter((name) => name === 'Message Sent')).toHaveLength(4)
})

test('not an agent, or an agent with no messages array: reported once as invalid_agent, nothing thrown', async () => {
  const { errors } = setup(undefined as unknown as AbstractAgent)
  expect(errors.map((e) => e.code)).toEqual(['invalid_agent'])
  cleanup()
  const broken = { threadId: 't', messages: 'nope', subscribe: () => ({ unsubscribe() {} }) } as unknown as AbstractAgent
  const second = setup(broken)
  expect(second.errors.map((e) => e.code)).toEqual(['invalid_agent'])
})

test('describeAction that throws: invalid_agent, and the default action is sent', async () => {
  const agent = new ScriptedAgent([[started, ...toolCall('call1', 'lookup', 'a1'), toolResult('call1', 'tool1', 'ok'), ...text('a2', 'Done'), finished()]])
  const { analytics, errors } = setup(agent, {
    describeAction: () => {
      throw new Error('boom')
    },
  })
  await run(agent, 'u1', 'Go')
  expect(errors.map((e) => e.code)).toEqual(['invalid_agent'])
  expect(tracks(analytics.calls).find(([event]) => event === 'Action Invoked')?.[1]).toMatchObject({ action: 'completed', tool_call_id: 'call1' })
})

export type { Step }
