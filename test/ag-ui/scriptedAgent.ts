import { AbstractAgent, EventType, HttpAgent, type AgentConfig, type BaseEvent, type Message, type RunAgentInput, type TokenUsage } from '@ag-ui/client'
import { Observable } from 'rxjs'

/** One step of a scripted run: an event (RUN_* events get the run's thread and run ids), or a pause. */
export type Step = (Partial<BaseEvent> & { type: EventType }) | { wait: Promise<unknown> } | { delay: number } | { throws: Error }

/** A pause the test opens: `await gate.open()` lets the run go on. */
export function gate() {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open: () => (open(), new Promise((resolve) => setTimeout(resolve, 0))) }
}

/**
 * A real `AbstractAgent` whose `run()` plays one script per run, as an Observable of events.
 * `abortRun()` stops it as `HttpAgent` does: the stream fails with an AbortError.
 */
export class ScriptedAgent extends AbstractAgent {
  private stop?: () => void
  runs: RunAgentInput[] = []

  /**
   * @param scripts one script per run, in order, or a function that writes each run's script from its input
   * @param options `delayMs`: a pause after each event (a demo that streams visibly)
   */
  constructor(
    private scripts: Step[][] | ((input: RunAgentInput) => Step[]),
    { delayMs = 0, ...config }: AgentConfig & { delayMs?: number } = {},
  ) {
    super({ threadId: 't1', ...config })
    this.delayMs = delayMs
  }
  private delayMs: number

  run(input: RunAgentInput): Observable<BaseEvent> {
    this.runs.push(input)
    const script = (typeof this.scripts === 'function' ? this.scripts(input) : this.scripts.shift()) ?? []
    return new Observable<BaseEvent>((subscriber) => {
      let stopped = false
      this.stop = () => {
        stopped = true
        subscriber.error(Object.assign(new Error('The user stopped the run'), { name: 'AbortError' }))
      }
      void (async () => {
        for (const step of script) {
          if (stopped) return
          if ('wait' in step) await step.wait
          else if ('delay' in step) await new Promise((resolve) => setTimeout(resolve, (step as { delay: number }).delay))
          else if ('throws' in step) return subscriber.error(step.throws)
          else {
            const run = step.type === EventType.RUN_STARTED || step.type === EventType.RUN_FINISHED ? { threadId: input.threadId, runId: input.runId } : {}
            subscriber.next({ ...run, ...step } as BaseEvent)
            await (this.delayMs ? new Promise((resolve) => setTimeout(resolve, this.delayMs)) : Promise.resolve())
          }
        }
        if (!stopped) subscriber.complete()
      })()
      return () => {
        stopped = true
      }
    })
  }

  abortRun(): void {
    this.stop?.()
  }

  /** What `connectAgent()` replays: the stored thread, as CopilotKit connects on mount. */
  replay: Step[] = []

  protected connect(input: RunAgentInput): Observable<BaseEvent> {
    const script = this.replay
    return new Observable<BaseEvent>((subscriber) => {
      void (async () => {
        for (const step of script) {
          if (!('type' in step)) continue
          const run = step.type === EventType.RUN_STARTED || step.type === EventType.RUN_FINISHED ? { threadId: input.threadId, runId: input.runId } : {}
          subscriber.next({ ...run, ...step } as BaseEvent)
          await Promise.resolve()
        }
        subscriber.complete()
      })()
    })
  }
}

/** A user message, added as an app adds it, and a run started in the same task. */
export function send(agent: AbstractAgent, id: string, content: string) {
  agent.addMessage({ id, role: 'user', content })
  return agent.runAgent().catch((error: unknown) => error)
}

export const started: Step = { type: EventType.RUN_STARTED }
export const finished = (extra: { usage?: TokenUsage[]; outcome?: unknown } = {}): Step => ({ type: EventType.RUN_FINISHED, ...extra })
export const runError = (message: string, extra: { usage?: TokenUsage[] } = {}): Step => ({ type: EventType.RUN_ERROR, message, ...extra })

export const text = (messageId: string, ...deltas: string[]): Step[] => [
  { type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant' },
  ...deltas.map((delta): Step => ({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta })),
  { type: EventType.TEXT_MESSAGE_END, messageId },
]

export const toolCall = (toolCallId: string, toolCallName: string, parentMessageId: string, args = '{"city":"Oslo"}'): Step[] => [
  { type: EventType.TOOL_CALL_START, toolCallId, toolCallName, parentMessageId },
  { type: EventType.TOOL_CALL_ARGS, toolCallId, delta: args },
  { type: EventType.TOOL_CALL_END, toolCallId },
]

export const toolResult = (toolCallId: string, messageId: string, content: string): Step => ({ type: EventType.TOOL_CALL_RESULT, toolCallId, messageId, content, role: 'tool' })

/** A whole reply: run started, text, run finished. */
export const reply = (messageId: string, ...deltas: string[]): Step[] => [started, ...text(messageId, ...deltas), finished()]

/** An `HttpAgent` on a fetch that answers each run with the next SSE stream (no network). */
export function httpAgent(streams: (Step[] | ((signal: AbortSignal) => ReadableStream<Uint8Array>))[], config: { threadId?: string; initialMessages?: Message[] } = {}) {
  const fetch = async (_url: string, init: RequestInit) => {
    const input = JSON.parse(String(init.body)) as RunAgentInput
    const next = streams.shift() ?? []
    const body = typeof next === 'function' ? next(init.signal!) : sse(next.filter((step): step is Extract<Step, { type: EventType }> => 'type' in step).map((event) => (event.type === EventType.RUN_STARTED || event.type === EventType.RUN_FINISHED ? { threadId: input.threadId, runId: input.runId, ...event } : event)))
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
  }
  return new HttpAgent({ url: 'http://agent.test/run', fetch, threadId: 't1', ...config })
}

const encoder = new TextEncoder()
/** Events as a Server-Sent Events body. */
export function sse(events: object[]) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      controller.close()
    },
  })
}

/** An SSE body that sends `events`, then waits until the request is aborted (the user stops the run). */
export function sseUntilAborted(events: object[], signal: AbortSignal) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`))
      signal.addEventListener('abort', () => controller.error(signal.reason ?? Object.assign(new Error('aborted'), { name: 'AbortError' })))
    },
  })
}
