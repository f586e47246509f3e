import { StrictMode, type ReactNode } from 'react'
import { act, render, waitFor } from '@testing-library/react'
import { expect } from 'vitest'
import {
  ActionBarPrimitive,
  AssistantRuntimeProvider,
  MessagePrimitive,
  ThreadPrimitive,
  useAui,
  useAuiState,
  useLocalRuntime,
  type AssistantClient,
  type ChatModelAdapter,
  type ChatModelRunOptions,
  type ChatModelRunResult,
  type FeedbackAdapter,
  type ThreadMessageLike,
} from '@assistant-ui/react'
import { CopilotAnalyticsProvider, useConversation } from '../../src/entries'
import { useAssistantTracking, useTrackedFeedbackAdapter, type AssistantTrackingOptions } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'

/** One scripted reply: a generator of cumulative results, as a ChatModelAdapter's `run` yields them. */
export type Reply = (options: ChatModelRunOptions) => AsyncGenerator<ChatModelRunResult, void>

/** A promise with its resolve, to hold a reply at a point until the test releases it. */
export function gate() {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

/** Waits for `promise`, or for the run to be stopped (then throws the abort, as fetch does). */
export async function until(promise: Promise<unknown>, signal: AbortSignal) {
  await Promise.race([promise, new Promise((resolve) => signal.addEventListener('abort', resolve))])
  if (signal.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError')
}

/** A text reply streamed delta by delta, one per task, each yield the whole text so far. */
export const words =
  (...deltas: string[]): Reply =>
  async function* ({ abortSignal }) {
    let text = ''
    for (const delta of deltas) {
      if (abortSignal.aborted) return
      text += delta
      yield { content: [{ type: 'text', text }] }
      await tick()
    }
  }

/** A ChatModelAdapter with no network: each run plays the next scripted reply. */
export function scriptedModel(replies: Reply[] | ((options: ChatModelRunOptions) => Reply)): ChatModelAdapter & { runs: number } {
  const model = {
    runs: 0,
    async *run(options: ChatModelRunOptions) {
      const reply = typeof replies === 'function' ? replies(options) : replies[model.runs]
      model.runs++
      if (reply) yield* reply(options)
    },
  }
  return model
}

export const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
export const names = (calls: MemoryCall[]) => tracks(calls).map(([event]) => event)

export interface SetupOptions {
  initialMessages?: ThreadMessageLike[]
  tracking?: AssistantTrackingOptions
  /** The app's own feedback adapter, wrapped by useTrackedFeedbackAdapter. */
  feedback?: FeedbackAdapter
  conversationId?: string
}

/**
 * A real local runtime (useLocalRuntime) on the scripted model, with assistant-ui's primitives and
 * thumbs, tracked by useAssistantTracking, under StrictMode.
 */
export function setup(replies: Reply[], { initialMessages, tracking, feedback, conversationId = 'c1' }: SetupOptions = {}) {
  const analytics = createMemoryAnalytics()
  const model = scriptedModel(replies)
  const current: Current = {}
  const errors: string[] = []
  function Runtime({ children }: { children: ReactNode }) {
    const adapter = useTrackedFeedbackAdapter(feedback)
    const runtime = useLocalRuntime(model, { initialMessages, adapters: { feedback: adapter } })
    return <AssistantRuntimeProvider runtime={runtime}>{children}</AssistantRuntimeProvider>
  }
  const app = (view = true) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId={conversationId} onError={(error) => errors.push(error.code)}>
        <Runtime>{view && <Thread tracking={tracking} current={current} />}</Runtime>
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(app())
  const aui = () => current.aui!
  return { analytics, model, aui, end: () => act(() => current.end!()), view, app, errors, tracks: () => tracks(analytics.calls), names: () => names(analytics.calls) }
}

interface Current {
  aui?: AssistantClient
  end?: () => void
}

function Thread({ tracking, current }: { tracking?: AssistantTrackingOptions; current: Current }) {
  useAssistantTracking(tracking)
  current.aui = useAui()
  const running = useAuiState((state) => state.thread.isRunning)
  const { isStarted, messageCount, end } = useConversation()
  current.end = end
  return (
    <div>
      <ThreadPrimitive.Messages
        components={{
          UserMessage: () => (
            <div>
              user: <MessagePrimitive.Parts />
            </div>
          ),
          AssistantMessage: () => (
            <div>
              assistant: <MessagePrimitive.Parts />
              <ActionBarPrimitive.Root>
                <ActionBarPrimitive.FeedbackPositive>up</ActionBarPrimitive.FeedbackPositive>
                <ActionBarPrimitive.FeedbackNegative>down</ActionBarPrimitive.FeedbackNegative>
              </ActionBarPrimitive.Root>
            </div>
          ),
        }}
      />
      <p>running: {String(running)}</p>
      <p>{`conversation: ${isStarted ? 'started' : 'not started'}, ${messageCount} messages`}</p>
    </div>
  )
}

/**
 * Sends a user message through the thread (as the composer does) and waits until its run is over,
 * letting React render each step as in an app (a whole exchange inside one `act` renders its end only).
 */
export async function send(aui: () => AssistantClient, text: string) {
  const before = aui().thread.getState().messages.length
  act(() => aui().thread.append(text))
  await waitFor(() => {
    const state = aui().thread.getState()
    expect(state.messages.length).toBeGreaterThan(before + 1)
    expect(state.isRunning).toBe(false)
  })
}

/** Lets timers and microtasks run (a settle delay of a few ms, the lifecycle's microtasks). */
export const settle = (ms = 30) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))
