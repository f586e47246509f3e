import { useEffect, useState, type CSSProperties, type ReactNode } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import {
  ActionBarPrimitive,
  AssistantRuntimeProvider,
  BranchPickerPrimitive,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
  useAuiState,
  useLocalRuntime,
  type ChatModelAdapter,
  type ChatModelRunOptions,
  type ChatModelRunResult,
} from '@assistant-ui/react'
import { CopilotAnalyticsProvider } from '../src/entries'
import { useAssistantTracking, useTrackedFeedbackAdapter } from '../src/entries/assistant-ui'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../src/entries/testing'

const meta: Meta = { title: 'Demos/assistant-ui chat' }
export default meta

/** Resolves after `ms`, or rejects as soon as the run is stopped (the abort a fetch would throw). */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true })
  })

/** The scripted model: no network, no key; what it streams depends on a word in the last message. */
function scriptedModel(delayMs: number): ChatModelAdapter {
  let runs = 0
  return {
    async *run({ messages, abortSignal }: ChatModelRunOptions): AsyncGenerator<ChatModelRunResult, void> {
      const last = messages.at(-1)
      const prompt = (last?.content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join(' ').toLowerCase()
      const stream = async function* (prefix: ChatModelRunResult['content'] & object, text: string) {
        let shown = ''
        for (const word of text.split(/(?<= )/)) {
          await pause(delayMs, abortSignal)
          shown += word
          yield { content: [...prefix, { type: 'text' as const, text: shown }] }
        }
      }
      const usage = { steps: [{ usage: { inputTokens: 42, outputTokens: 12 } }], custom: { model: 'scripted-1' } }
      if (prompt.includes('weather')) {
        const call = { type: 'tool-call' as const, toolCallId: 'weather-' + ++runs, toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}' }
        yield { content: [call] }
        await pause(delayMs * 3, abortSignal)
        const done = [{ ...call, result: { temperature: 21, sky: 'clear' } }]
        yield* stream(done, 'It is 21°C and clear in Oslo right now.')
        yield { metadata: usage }
        return
      }
      if (prompt.includes('fail')) {
        yield* stream([], 'Let me look that up and')
        throw new Error('The model is overloaded.')
      }
      yield* stream([], 'Here is a long answer, streamed word by word, so that you can press Stop halfway and see the reply reported once, as aborted. ' + 'It goes on for a while. '.repeat(6))
      yield { metadata: usage }
    },
  }
}

const bubble = (mine: boolean): CSSProperties => ({
  justifySelf: mine ? 'end' : 'start',
  maxWidth: '80%',
  padding: '6px 10px',
  borderRadius: 8,
  background: mine ? '#dbeafe' : '#f3f4f6',
})

function ToolCall({ toolName, result }: { toolName: string; result?: unknown }) {
  return <code style={{ display: 'block' }}>{`${toolName}: ${result === undefined ? 'running…' : JSON.stringify(result)}`}</code>
}

function AssistantMessage() {
  return (
    <MessagePrimitive.Root style={bubble(false)}>
      <MessagePrimitive.Parts components={{ tools: { Fallback: ToolCall } }} />
      <MessagePrimitive.Error>
        <small style={{ color: '#b91c1c' }}> (failed)</small>
      </MessagePrimitive.Error>
      <div style={{ display: 'flex', gap: 4, alignItems: 'center', marginTop: 4 }}>
        <BranchPickerPrimitive.Root hideWhenSingleBranch style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
          <BranchPickerPrimitive.Previous aria-label="Previous answer">‹</BranchPickerPrimitive.Previous>
          <small>
            <BranchPickerPrimitive.Number /> / <BranchPickerPrimitive.Count />
          </small>
          <BranchPickerPrimitive.Next aria-label="Next answer">›</BranchPickerPrimitive.Next>
        </BranchPickerPrimitive.Root>
        <ActionBarPrimitive.Root hideWhenRunning style={{ display: 'flex', gap: 4 }}>
          <ActionBarPrimitive.Reload aria-label="Regenerate">↻</ActionBarPrimitive.Reload>
          <ActionBarPrimitive.Copy aria-label="Copy">⧉</ActionBarPrimitive.Copy>
          <ActionBarPrimitive.FeedbackPositive aria-label="Good answer">👍</ActionBarPrimitive.FeedbackPositive>
          <ActionBarPrimitive.FeedbackNegative aria-label="Bad answer">👎</ActionBarPrimitive.FeedbackNegative>
        </ActionBarPrimitive.Root>
      </div>
    </MessagePrimitive.Root>
  )
}

function UserMessage() {
  return (
    <MessagePrimitive.Root style={bubble(true)}>
      <MessagePrimitive.Parts />
      <ActionBarPrimitive.Root hideWhenRunning style={{ display: 'inline-flex', marginLeft: 4 }}>
        <ActionBarPrimitive.Edit aria-label="Edit">✎</ActionBarPrimitive.Edit>
      </ActionBarPrimitive.Root>
    </MessagePrimitive.Root>
  )
}

function UserEditComposer() {
  return (
    <ComposerPrimitive.Root style={{ ...bubble(true), display: 'flex', gap: 4 }}>
      <ComposerPrimitive.Input aria-label="Edit message" style={{ flex: 1 }} />
      <ComposerPrimitive.Cancel>Cancel</ComposerPrimitive.Cancel>
      <ComposerPrimitive.Send>Save</ComposerPrimitive.Send>
    </ComposerPrimitive.Root>
  )
}

function Thread() {
  useAssistantTracking() // <- the one line
  const running = useAuiState((state) => state.thread.isRunning)
  return (
    <ThreadPrimitive.Root style={{ display: 'grid', gap: 8, alignContent: 'start' }}>
      <ThreadPrimitive.Messages components={{ UserMessage, UserEditComposer, AssistantMessage }} />
      <small>status: {running ? 'running' : 'idle'}</small>
      <ComposerPrimitive.Root style={{ display: 'flex', gap: 8 }}>
        <ComposerPrimitive.Input aria-label="Message" placeholder="Ask something" style={{ flex: 1 }} />
        <ComposerPrimitive.Send>Send</ComposerPrimitive.Send>
        <ComposerPrimitive.Cancel>Stop</ComposerPrimitive.Cancel>
      </ComposerPrimitive.Root>
      <small>Try: “weather”, “fail”, or anything else (then Stop); ↻ regenerates, ⧉ copies, ✎ edits your message, 👍 / 👎 rate.</small>
    </ThreadPrimitive.Root>
  )
}

function Runtime({ children, delayMs }: { children: ReactNode; delayMs: number }) {
  const feedback = useTrackedFeedbackAdapter()
  const [model] = useState(() => scriptedModel(delayMs))
  const runtime = useLocalRuntime(model, { adapters: { feedback } })
  return <AssistantRuntimeProvider runtime={runtime}>{children}</AssistantRuntimeProvider>
}

/** The calls the recorder received, as they come. */
function Calls({ analytics }: { analytics: MemoryAnalytics }) {
  const [calls, setCalls] = useState<MemoryCall[]>([...analytics.calls])
  useEffect(() => {
    const unsubscribe = analytics.subscribe(() => setCalls([...analytics.calls]))
    return () => void unsubscribe()
  }, [analytics])
  return (
    <pre aria-label="Event log" style={{ fontSize: 12, maxHeight: 480, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
      {calls.map((call) => (call.type === 'track' ? call.event : 'Identify') + ' ' + JSON.stringify(call.type === 'track' ? call.properties : call) + '\n')}
    </pre>
  )
}

/**
 * assistant-ui's primitives on a local runtime with a scripted model (no network, no key), tracked by
 * one line, `useAssistantTracking()`, and its thumbs by `useTrackedFeedbackAdapter()`. Message Received
 * carries `reply_status` and the response-time metrics; a regenerated reply is its own.
 */
export const LocalRuntime: StoryObj<{ delayMs: number }> = {
  args: { delayMs: 60 },
  render: function Render({ delayMs }) {
    const [analytics] = useState(createMemoryAnalytics)
    return (
      <CopilotAnalyticsProvider analytics={analytics} properties={{ assistantId: 'storybook-demo' }}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, fontFamily: 'sans-serif' }}>
          <Runtime delayMs={delayMs}>
            <Thread />
          </Runtime>
          <Calls analytics={analytics} />
        </div>
      </CopilotAnalyticsProvider>
    )
  },
}
