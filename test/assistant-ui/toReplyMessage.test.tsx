import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { AssistantRuntimeProvider, useExternalStoreRuntime, type ThreadMessage, type ThreadMessageLike } from '@assistant-ui/react'
import { toReplyMessage } from '../../src/assistant-ui/toReplyMessage'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useAssistantTracking } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { settle, tracks } from './scriptedModel'

const assistant = (fields: Record<string, unknown>) =>
  ({ id: 'a1', role: 'assistant', content: [], status: { type: 'complete', reason: 'stop' }, metadata: { steps: [], custom: {} }, createdAt: new Date(0), ...fields }) as unknown as ThreadMessage

test('metadata: tokens summed over the steps, the finish reason, and the known fields of metadata.custom', () => {
  const message = assistant({
    content: [{ type: 'text', text: 'Hi' }],
    metadata: {
      steps: [{ usage: { inputTokens: 10, outputTokens: 4 } }, { usage: { inputTokens: 20, outputTokens: 6 }, finishReason: 'stop' }],
      custom: { model: 'gpt-5.1', provider: 'openai', trace_id: 't-1', temperature: 0.2, input_tokens: 'many' },
    },
  })
  expect(toReplyMessage(message)).toEqual({
    id: 'a1',
    role: 'assistant',
    parts: [{ type: 'text', text: 'Hi' }],
    metadata: { input_tokens: 30, output_tokens: 10, total_tokens: 40, finish_reason: 'stop', model: 'gpt-5.1', provider: 'openai', trace_id: 't-1' },
  })
  // From the status when no step says; `unknown` and `cancelled` say nothing about the model.
  expect(toReplyMessage(assistant({ status: { type: 'incomplete', reason: 'length' } }))!.metadata).toEqual({ finish_reason: 'length' })
  expect(toReplyMessage(assistant({ status: { type: 'complete', reason: 'unknown' } }))!.metadata).toBeUndefined()
  expect(toReplyMessage(assistant({ status: { type: 'incomplete', reason: 'cancelled' } }))!.metadata).toBeUndefined()
})

test('parts: the status decides what is unfinished, tools waiting or done, images and files as media, the rest by kind', () => {
  const tool = { type: 'tool-call', toolCallId: 'k', toolName: 'ask', args: {}, argsText: '{}' }
  const unfinished = { type: 'text', text: '', streaming: true }
  expect(toReplyMessage(assistant({ content: [{ type: 'text', text: 'Hal' }], status: { type: 'running' } }))!.parts).toEqual([{ type: 'text', text: 'Hal' }, unfinished])
  expect(toReplyMessage(assistant({ content: [tool], status: { type: 'requires-action', reason: 'tool-calls' } }))!.parts).toEqual([
    { type: 'tool', name: 'ask', callId: 'k', state: 'waiting', source: tool },
  ])
  const parts = toReplyMessage(
    assistant({
      content: [
        { ...tool, result: 1 },
        { ...tool, toolCallId: 'p', result: 'partial', isPreliminary: true },
        { ...tool, toolCallId: 'e', result: 'boom', isError: true },
        { ...tool, toolCallId: 'd', approval: { id: 'ap', approved: false } },
        { ...tool, toolCallId: 'w', approval: { id: 'ap2' } },
        { type: 'image', image: 'https://x/cat.png' },
        { type: 'image', image: 'data:image/webp;base64,AA' },
        { type: 'source', sourceType: 'url', id: 's', url: 'https://x' },
        { type: 'data', name: 'chart', data: {} },
      ],
    }),
  )!.parts
  expect(parts.map((part) => (part.type === 'tool' ? part.state : part.type === 'file' ? part.mediaType : part.type === 'other' ? part.kind : part.type))).toEqual([
    'done',
    'running',
    'failed',
    'denied',
    'waiting',
    'image',
    'image/webp',
    'source',
    'data',
  ])
})

test('malformed messages never throw: what is not a message is skipped, missing fields read as empty', () => {
  expect(toReplyMessage(null)).toBeUndefined()
  expect(toReplyMessage('hi' as never)).toBeUndefined()
  expect(toReplyMessage({ id: 'u', role: 'user', content: 'not an array' } as never)).toEqual({ id: 'u', role: 'user', parts: [] })
  expect(toReplyMessage({ id: 'u2', role: 'user', content: [null, 7, { type: 5 }, { type: 'text', text: 42 }] } as never)).toEqual({ id: 'u2', role: 'user', parts: [{ type: 'text', text: '' }] })
  const odd = assistant({ status: null, metadata: { steps: 'many', custom: 'x' }, content: [{ type: 'tool-call', toolName: { evil: true } }] })
  expect(toReplyMessage(odd)).toEqual({ id: 'a1', role: 'assistant', parts: [{ type: 'tool', name: '[object Object]', callId: undefined, state: 'running', source: expect.anything() }] })
  const steps = assistant({ metadata: { steps: [null, { usage: { inputTokens: -1, outputTokens: Number.NaN } }, { usage: { inputTokens: '3' } }], custom: null } })
  expect(toReplyMessage(steps)!.metadata).toEqual({ finish_reason: 'stop' })
})

test('an external-store runtime with odd messages (reasoning, sources, a system message): what can be sent is sent, nothing reported', async () => {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  function App({ messages }: { messages: ThreadMessageLike[] }) {
    const runtime = useExternalStoreRuntime({ messages, isRunning: false, convertMessage: (message: ThreadMessageLike) => message, onNew: async () => {} })
    return (
      <AssistantRuntimeProvider runtime={runtime}>
        <Tracking />
      </AssistantRuntimeProvider>
    )
  }
  function Tracking() {
    useAssistantTracking({ trackInitialMessages: true })
    return null
  }
  const messages: ThreadMessageLike[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    { id: 'a1', role: 'assistant', content: [{ type: 'reasoning', text: 'hm' }, { type: 'source', sourceType: 'url', id: 's', url: 'https://x' }, { type: 'text', text: 'Hello' }], status: { type: 'complete', reason: 'stop' } },
    { id: 'sys', role: 'system', content: [{ type: 'text', text: 'You are helpful' }] },
  ]
  const app = (list: ThreadMessageLike[]) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <App messages={list} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(app(messages))
  await settle()
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'u1', 'Hi'],
    ['Message Received', 'a1', 'Hello'],
  ])
  view.rerender(app([...messages]))
  await settle()
  expect(errors).toEqual([])
})
