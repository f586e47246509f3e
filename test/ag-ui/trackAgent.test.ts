import { afterEach, expect, test, vi } from 'vitest'
import { EventType, type AgentSubscriber, type Message } from '@ag-ui/client'
import { createCopilotTracker } from '../../src/entries/core'
import { trackAgent } from '../../src/entries/ag-ui'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { metadataOf } from '../../src/ag-ui/agentRuns'
import { connectAgent } from '../../src/ag-ui/trackAgent'
import type { ChatSnapshot, ReplyLifecycle } from '../../src/core/replyLifecycle'
import { finished, gate, reply, ScriptedAgent, send, started, text, toolCall, toolResult } from './scriptedAgent'

afterEach(() => vi.restoreAllMocks())

const names = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [call.event] : []))
const received = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' && call.event === 'Message Received' ? [call.properties] : []))
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

function tracked(agent: ScriptedAgent, options: Parameters<typeof trackAgent>[2] = { conversationId: 'c1' }) {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const tracker = createCopilotTracker({ analytics, onError: (error) => errors.push(error.code) })
  const stop = trackAgent(tracker, agent, options)
  return { analytics, errors, tracker, stop }
}

test('trackAgent (no React): Sent and Received once per message, and stop() reports a reply still streaming as aborted', async () => {
  const never = gate()
  const agent = new ScriptedAgent([reply('a1', 'One ', 'two'), [started, ...text('a2', 'Cut').slice(0, 2), { wait: never.wait }]])
  const { analytics, errors, stop } = tracked(agent)
  await send(agent, 'u1', 'Hi')
  await tick()
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  void send(agent, 'u2', 'More')
  await tick(5)
  stop()
  expect(received(analytics.calls).map((p) => [p.messageId, p.message_body, p.reply_status])).toEqual([
    ['a1', 'One two', 'complete'],
    ['a2', 'Cut', 'aborted'],
  ])
  // Stopped for good: the agent's later runs are not tracked.
  agent.abortRun()
  await tick()
  expect(names(analytics.calls)).toHaveLength(5)
  expect(errors).toEqual([])
})

test('end() sends a reply waiting on a frontend tool first, then Conversation Ended counting it', async () => {
  const agent = new ScriptedAgent([[started, ...text('a1', 'Please confirm'), ...toolCall('call1', 'confirm', 'a1'), finished()]])
  const { analytics, tracker } = tracked(agent)
  await send(agent, 'u1', 'Book it')
  await tick(10)
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  tracker.end('c1')
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
  expect(received(analytics.calls)[0]).toMatchObject({ messageId: 'a1', reply_status: 'aborted' })
  expect(analytics.calls.at(-1)).toMatchObject({ properties: { message_count: 2 } })
})

test('a stop after the text ended (during a tool call) still sends the reply as aborted; so does a cancelled outcome', async () => {
  const never = gate()
  const agent = new ScriptedAgent([
    [started, ...text('a1', 'Checking'), { type: EventType.TOOL_CALL_START, toolCallId: 'call1', toolCallName: 'lookup', parentMessageId: 'a1' }, { wait: never.wait }],
    [started, ...text('a2', 'Partial'), finished({ outcome: { type: 'cancelled' } })],
  ])
  const { analytics } = tracked(agent)
  const done = send(agent, 'u1', 'Go')
  await tick(5)
  agent.abortRun()
  await done
  await tick()
  await send(agent, 'u2', 'Again')
  await tick()
  expect(received(analytics.calls).map((p) => [p.messageId, p.reply_status])).toEqual([
    ['a1', 'aborted'],
    ['a2', 'aborted'],
  ])
  expect(names(analytics.calls)).not.toContain('Action Invoked')
})

test('two trackers of one agent in one conversation: each message once', async () => {
  const agent = new ScriptedAgent([[started, ...toolCall('call1', 'lookup', 'a1'), toolResult('call1', 'tool1', 'ok'), ...text('a2', 'Done'), finished()]])
  const analytics = createMemoryAnalytics()
  const tracker = createCopilotTracker({ analytics })
  const stops = [trackAgent(tracker, agent, { conversationId: 'c1' }), trackAgent(tracker, agent, { conversationId: 'c1' })]
  await send(agent, 'u1', 'Go')
  await tick()
  stops.forEach((stop) => stop())
  expect(names(analytics.calls)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
})

test('the run token usage becomes the reply metadata (summed; model and provider only when every entry agrees)', async () => {
  const agent = new ScriptedAgent([
    [started, ...toolCall('call1', 'lookup', 'a1'), toolResult('call1', 'tool1', 'ok'), ...text('a2', 'Done'), finished({ usage: [{ provider: 'openai', model: 'gpt-5.1', inputTokens: 120, outputTokens: 30, totalTokens: 150 }] })],
    [started, ...text('a3', 'Two models'), finished({ usage: [{ provider: 'openai', model: 'gpt-5.1', inputTokens: 10, outputTokens: 5 }, { provider: 'openai', model: 'gpt-5-mini', inputTokens: 7, outputTokens: 3, totalTokens: 10 }] })],
  ])
  const snapshots: ChatSnapshot[] = []
  const lifecycle = { update: (snapshot: ChatSnapshot) => snapshots.push(snapshot) } as unknown as ReplyLifecycle
  const analytics = createMemoryAnalytics()
  const stop = connectAgent(createCopilotTracker({ analytics }), agent, lifecycle, () => 'c1')
  await send(agent, 'u1', 'Go')
  await send(agent, 'u2', 'Again')
  await tick()
  stop()
  const last = snapshots.at(-1)!.messages
  const byId = (id: string) => last.find((message) => message?.id === id)
  // a1 (the tool call) and a2 are one reply, under a2's id.
  expect(byId('a1')).toBeUndefined()
  expect(byId('a2')?.metadata).toEqual({ provider: 'openai', model: 'gpt-5.1', input_tokens: 120, output_tokens: 30, total_tokens: 150 })
  // A count one entry lacks is left out rather than understated.
  expect(byId('a3')?.metadata).toEqual({ provider: 'openai', input_tokens: 17, output_tokens: 8 })
})

test('metadataOf: nothing usable is nothing, never zeros or guesses', () => {
  expect(metadataOf(undefined)).toBeUndefined()
  expect(metadataOf([])).toBeUndefined()
  expect(metadataOf([null, 'x', { inputTokens: -1, outputTokens: Number.NaN, model: '' }])).toBeUndefined()
  expect(metadataOf([{ inputTokens: 5 }, { model: 'm' }])).toBeUndefined()
  expect(metadataOf([{ inputTokens: 5, model: 'm' }])).toEqual({ input_tokens: 5, model: 'm' })
})

test('a hostile agent (a messages getter that throws, events with missing or wrong fields): nothing thrown, onError hears invalid_agent', () => {
  let subscriber: AgentSubscriber | undefined
  let throwing = false
  const agent = {
    threadId: 't1',
    get messages(): Message[] {
      if (throwing) throw new Error('hostile getter')
      return [{ id: 'u1', role: 'user', content: 'Hi' }, { id: 'a1', role: 'assistant', content: 'Hello', toolCalls: [null, { id: 7, function: null }] as never }, null as never, { id: '', role: 'user', content: 'no id' }]
    },
    subscribe(next: AgentSubscriber) {
      subscriber = next
      return { unsubscribe: () => (subscriber = undefined) }
    },
  }
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const stop = trackAgent(createCopilotTracker({ analytics, onError: (error) => errors.push(error.code) }), agent, { conversationId: 'c1' })
  const call = (name: keyof AgentSubscriber, params: unknown) => (subscriber![name] as (params: unknown) => unknown)(params)
  expect(() => {
    call('onRunInitialized', undefined)
    call('onTextMessageStartEvent', { event: null })
    call('onToolCallEndEvent', {})
    call('onRunFinishedEvent', { event: { usage: 'lots' }, outcome: 42 })
    call('onRunErrorEvent', undefined)
    call('onRunFinalized', null)
  }).not.toThrow()
  // The RUN_ERROR with no params could not be read.
  expect(errors).toEqual(['invalid_agent'])
  throwing = true
  expect(() => call('onRunInitialized', {})).not.toThrow()
  expect(() => call('onMessagesChanged', {})).not.toThrow()
  expect(errors.length).toBeGreaterThan(1)
  expect(new Set(errors)).toEqual(new Set(['invalid_agent']))
  stop()
  // What could be read was tracked: history, as no run had begun.
  expect(names(analytics.calls)).toEqual([])
})

test('a reply a stop cut short is over: a tool call of it answered later starts a reply of its own', async () => {
  const never = gate()
  const agent = new ScriptedAgent([[started, ...toolCall('call1', 'lookup', 'a1').slice(0, 2), { wait: never.wait }], reply('a2', 'Answered anyway')])
  const { analytics } = tracked(agent)
  const done = send(agent, 'u1', 'Go')
  await tick(5)
  agent.abortRun()
  await done
  await tick()
  agent.addMessage({ id: 'tool1', role: 'tool', toolCallId: 'call1', content: 'late' })
  await agent.runAgent()
  await tick()
  expect(received(analytics.calls).map((p) => [p.messageId, p.reply_status])).toEqual([
    ['a1', 'aborted'],
    ['a2', 'complete'],
  ])
  expect(names(analytics.calls)).not.toContain('Action Invoked')
})

test('a message whose fields throw when read: reported as invalid_agent, never thrown into the app', () => {
  const hostile = {
    get id(): string {
      throw new Error('hostile id')
    },
  }
  const agent = { threadId: 't1', messages: [hostile as unknown as Message], subscribe: () => ({ unsubscribe() {} }) }
  const errors: string[] = []
  let stop = () => {}
  expect(() => {
    stop = trackAgent(createCopilotTracker({ analytics: createMemoryAnalytics(), onError: (error) => errors.push(error.code) }), agent, { conversationId: 'c1' })
  }).not.toThrow()
  expect(() => stop()).not.toThrow()
  expect(errors).toEqual(['invalid_agent'])
})
