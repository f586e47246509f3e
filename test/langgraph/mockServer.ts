import { Client } from '@langchain/langgraph-sdk'

/** A LangChain message dict as the LangGraph API serialises it. */
export type MessageDict = Record<string, unknown> & { type: string; id?: string; content?: unknown }

/**
 * One step of a scripted run: a token chunk (`messages-tuple` mode, an `AIMessageChunk` with its
 * metadata), messages the graph commits to the state (a `values` event with the whole state), an
 * `error` event, a pause until `wait` settles, or a raw SSE event.
 */
export type RunStep =
  | { chunk: Record<string, unknown> & { id: string } }
  | { commit: MessageDict[] }
  | { error: { error: string; message: string } }
  | { wait: Promise<unknown> }
  | { event: string; data: unknown }

interface ThreadRecord {
  messages: MessageDict[]
  checkpoints: number
}

/**
 * A LangGraph API server in the page: a `fetch` that answers the endpoints `useStream` calls
 * (threads, state, history, runs/stream, cancel) and streams each run's scripted steps as the SSE
 * events the SDK parses (`metadata`, `values`, `messages`, `error`, `end` implied by closing). No network.
 */
export function mockLangGraph({
  threads = {},
  runs = [],
  delayMs = 0,
}: {
  threads?: Record<string, MessageDict[]>
  /** The steps of each run in turn, or a function of the run's input messages and the thread so far. */
  runs?: RunStep[][] | ((input: MessageDict[], thread: readonly MessageDict[]) => RunStep[])
  /** The pause before each step (a model's pace, for the demo). */
  delayMs?: number
} = {}) {
  const state = new Map<string, ThreadRecord>(Object.entries(threads).map(([id, messages]) => [id, { messages, checkpoints: 1 }]))
  const server = {
    runs: 0,
    threads: 0,
    requests: [] as string[],
    cancelled: 0,
    state,
    fetch: async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
      const path = new URL(String(url)).pathname
      const method = (init.method ?? 'GET').toUpperCase()
      server.requests.push(method + ' ' + path)
      const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : {}
      if (method === 'POST' && path === '/threads') {
        const id = body.thread_id ?? `thread-${++server.threads}`
        state.set(id, { messages: [], checkpoints: 0 })
        return json({ thread_id: id, created_at: '', updated_at: '', metadata: {}, status: 'idle', values: {} })
      }
      const stream = /^\/threads\/([^/]+)\/runs\/stream$/.exec(path)
      if (stream) return runStream(stream[1], body, init.signal ?? undefined)
      const read = /^\/threads\/([^/]+)\/(state|history)$/.exec(path)
      if (read) {
        const thread = state.get(read[1])
        if (!thread) return json({ detail: 'Thread not found' }, 404)
        return json(read[2] === 'state' ? snapshot(read[1], thread) : thread.checkpoints ? [snapshot(read[1], thread)] : [])
      }
      if (/^\/threads\/[^/]+\/runs\/[^/]+\/cancel$/.test(path)) {
        server.cancelled++
        return json({})
      }
      return json({ detail: 'Not found: ' + path }, 404)
    },
    client: undefined as unknown as Client,
  }
  server.client = new Client({ apiUrl: 'http://langgraph.test', callerOptions: { fetch: server.fetch, maxRetries: 0 } })

  function runStream(threadId: string, body: { input?: { messages?: MessageDict[] } | null }, signal: AbortSignal | undefined): Response {
    const thread = state.get(threadId)!
    const input = (body.input?.messages ?? []).map((message) => ({ ...message, id: message.id ?? `human-${server.runs}` }))
    const steps = (typeof runs === 'function' ? runs(input, thread.messages) : runs[server.runs]) ?? []
    const runId = `run-${++server.runs}`
    const encoder = new TextEncoder()
    const sse = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    const commit = (messages: MessageDict[]) => {
      for (const message of messages) {
        const i = thread.messages.findIndex((m) => m.id === message.id)
        if (i >= 0) thread.messages[i] = message
        else thread.messages.push(message)
      }
      thread.checkpoints++
      return sse('values', { messages: thread.messages })
    }
    const metadata = { run_id: runId, thread_id: threadId, langgraph_node: 'agent', langgraph_step: 1, ls_provider: 'openai' }
    const readable = new ReadableStream<Uint8Array>({
      async start(controller) {
        const aborted = () => signal?.aborted
        const stop = () => {
          try {
            // What fetch does to a body whose request is aborted (an Error named AbortError, which the SDK ignores).
            controller.error(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }))
          } catch {
            // closed already
          }
        }
        signal?.addEventListener('abort', stop)
        controller.enqueue(sse('metadata', { run_id: runId, attempt: 1 }))
        controller.enqueue(commit(input))
        for (const step of steps) {
          await new Promise((resolve) => setTimeout(resolve, delayMs))
          if (aborted()) return
          if ('wait' in step) {
            await Promise.race([step.wait, new Promise((resolve) => signal?.addEventListener('abort', resolve))])
            continue
          }
          if (aborted()) return
          if ('chunk' in step) controller.enqueue(sse('messages', [{ ...step.chunk, type: 'AIMessageChunk' }, metadata]))
          else if ('commit' in step) controller.enqueue(commit(step.commit))
          else if ('error' in step) controller.enqueue(sse('error', step.error))
          else controller.enqueue(sse(step.event, step.data))
        }
        await new Promise((resolve) => setTimeout(resolve, 0))
        signal?.removeEventListener('abort', stop)
        if (!aborted()) controller.close()
      },
    })
    return new Response(readable, {
      headers: { 'Content-Type': 'text/event-stream', 'Content-Location': `/threads/${threadId}/runs/${runId}` },
    })
  }

  return server
}

function snapshot(threadId: string, thread: ThreadRecord) {
  return {
    values: { messages: thread.messages },
    next: [],
    tasks: [],
    metadata: {},
    created_at: '2026-11-30T00:00:00Z',
    checkpoint: { thread_id: threadId, checkpoint_ns: '', checkpoint_id: `cp-${thread.checkpoints}` },
    parent_checkpoint: null,
  }
}

const json = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } })

/** A promise with its resolve, to hold a run at a point until the test releases it. */
export function gate() {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

/** The token chunks of one AI message, then the message as the graph commits it. */
export function streamedAi(id: string, deltas: string[], extra: Partial<MessageDict> = {}): RunStep[] {
  return [
    ...deltas.map((content): RunStep => ({ chunk: { id, content } })),
    { commit: [{ type: 'ai', id, content: deltas.join(''), tool_calls: [], invalid_tool_calls: [], ...extra }] },
  ]
}

export const human = (id: string, content: string): MessageDict => ({ type: 'human', id, content })
export const ai = (id: string, content: string, extra: Partial<MessageDict> = {}): MessageDict => ({ type: 'ai', id, content, tool_calls: [], ...extra })
export const tool = (id: string, toolCallId: string, content: string, extra: Partial<MessageDict> = {}): MessageDict => ({ type: 'tool', id, tool_call_id: toolCallId, content, ...extra })
