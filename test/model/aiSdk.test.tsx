import { StrictMode } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test, vi } from 'vitest'
import { Chat, useChat } from '@ai-sdk/react'
import type { ChatTransport, UIMessage, UIMessageChunk } from 'ai'
import { CopilotAnalyticsProvider, useConversation, type CopilotAnalyticsError } from '../../src/entries'
import { useChatTracking, type ChatToolPart } from '../../src/entries/ai-sdk'
import { createKeyStore } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { regenerateContinuesEarlierReply } from '../ai-sdk/mockTransport'
import { takeViolations } from '../conformance'
import { PROVIDER_KEYS, RUNS, build, canon, drain, hostileBag, modelSpec, safePart, seedFor, wire, type HostileBag, type WireTrack } from './shared'

// Adversarial model test of the AI SDK adapter: random sequences run the real useChat over a
// transport whose chunks the test releases one by one (send, stream, stop, regenerate, errors, tool
// calls waiting on client output or on an approval, history loaded with setMessages, chat switches,
// view and provider remounts, end, page hide, consent granted late), with fake timers for the
// settle delay. The reference model below says what each conversation's wire must hold.

type ReplyKind = 'text' | 'toolText' | 'toolError' | 'clientTool' | 'approval' | 'error' | 'networkError' | 'file' | 'lateStart'
type DescribeMode = 'none' | 'good' | 'empty' | 'number' | 'throws'
type Op =
  | { type: 'send' | 'regenerate'; reply: ReplyKind; words: number }
  | { type: 'chunks'; n: number }
  | { type: 'finish' | 'stop' | 'toolOutput' | 'wait' | 'loadHistory' | 'remountView' | 'remountProvider' | 'end' | 'pagehide' | 'grant' | 'closeApp' }
  | { type: 'approve'; approved: boolean }
  | { type: 'switchChat'; to: number; saved: boolean }
  | { type: 'flags'; endOnUnmount: boolean; endOnPageHide: boolean }

const replyKind = fc.constantFrom<ReplyKind>('text', 'text', 'toolText', 'toolError', 'clientTool', 'approval', 'error', 'networkError', 'file', 'lateStart')
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('send' as const), reply: replyKind, words: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ type: fc.constant('chunks' as const), n: fc.integer({ min: 1, max: 4 }) }), weight: 5 },
  { arbitrary: fc.constant({ type: 'finish' as const }), weight: 4 },
  { arbitrary: fc.constant({ type: 'stop' as const }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('regenerate' as const), reply: replyKind, words: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.constant({ type: 'toolOutput' as const }), weight: 2 },
  fc.record({ type: fc.constant('approve' as const), approved: fc.boolean() }),
  { arbitrary: fc.constant({ type: 'wait' as const }), weight: 3 },
  fc.constant({ type: 'loadHistory' as const }),
  { arbitrary: fc.record({ type: fc.constant('switchChat' as const), to: fc.nat(2), saved: fc.boolean() }), weight: 2 },
  fc.constantFrom({ type: 'remountView' as const }, { type: 'remountProvider' as const }, { type: 'closeApp' as const }),
  { arbitrary: fc.constantFrom({ type: 'end' as const }, { type: 'pagehide' as const }), weight: 2 },
  fc.constant({ type: 'grant' as const }),
  { arbitrary: fc.record({ type: fc.constant('flags' as const), endOnUnmount: fc.boolean(), endOnPageHide: fc.boolean() }), weight: 2 },
)

interface Reply {
  turn: number
  kind: ReplyKind
  id?: string
  text: string
  /** Seen in the chat (an assistant message exists for it): it must be reported, exactly once. */
  visible: boolean
  finished: boolean
  errored: boolean
  stopped: boolean
  /** A text part still streaming when the stream stopped. */
  textOpen: boolean
  tools: Map<string, { name: string; state: 'waiting' | 'done' | 'failed' }>
  /** Text parts the reply's message carried over from the message it continues (AI SDK 5's regenerate()). */
  inherited: string[]
  outputAdded: boolean
  /** Something that reports a held reply (a send, end, a switch, an unmount...) came while a tool waited. */
  flushedWaiting: boolean
  files: number
}
interface Conversation {
  id: string
  chat: Chat<UIMessage>
  sent: { id: string; text: string }[]
  replies: Reply[]
  history: number
  /** Opened or mounted, nothing done in it yet: a setMessages now loads history. */
  fresh: boolean
  /** What the conversation held when it was ended (the first end that found it started). */
  ended?: { sent: number; replies: Reply[] }
}
interface Stream {
  conversation: Conversation
  reply: Reply
  controller: ReadableStreamDefaultController<UIMessageChunk>
  chunks: (UIMessageChunk | 'throw')[]
  pos: number
}

const history = (prefix: string): UIMessage[] => [
  { id: prefix + '-q', role: 'user', parts: [{ type: 'text', text: 'Old question' }] },
  { id: prefix + '-a', role: 'assistant', parts: [{ type: 'text', text: 'Old answer', state: 'done' }] },
]

// AI SDK 5's regenerate() continues a stale copy left before the reply it replaces (see the probe).
const continuesEarlierReply = await regenerateContinuesEarlierReply()

let serial = 0
function plan(kind: ReplyKind, words: number): (UIMessageChunk | 'throw')[] {
  const n = ++serial
  const messageId = 's' + n
  const tc = 'tc' + n
  const text = (id = 't'): UIMessageChunk[] => [
    { type: 'text-start', id },
    ...Array.from({ length: words }, (_, i): UIMessageChunk => ({ type: 'text-delta', id, delta: `w${n}.${i} ` })),
    { type: 'text-end', id },
  ]
  const start: UIMessageChunk = { type: 'start', messageId }
  switch (kind) {
    case 'text':
      return [start, ...text(), { type: 'finish' }]
    case 'toolText':
      return [
        start,
        { type: 'start-step' },
        { type: 'tool-input-available', toolCallId: tc, toolName: 'weather', input: { city: 'Oslo' } },
        { type: 'tool-output-available', toolCallId: tc, output: { temperature: 21 } },
        { type: 'finish-step' },
        { type: 'start-step' },
        ...text(),
        { type: 'finish-step' },
        { type: 'finish' },
      ]
    case 'toolError':
      return [
        start,
        { type: 'start-step' },
        { type: 'tool-input-available', toolCallId: tc, toolName: 'lookup', input: { q: 'x' } },
        { type: 'tool-output-error', toolCallId: tc, errorText: 'not found' },
        { type: 'finish-step' },
        { type: 'start-step' },
        ...text(),
        { type: 'finish-step' },
        { type: 'finish' },
      ]
    case 'clientTool':
      return [start, { type: 'start-step' }, ...text(), { type: 'tool-input-available', toolCallId: tc, toolName: 'locate', input: {} }, { type: 'finish-step' }, { type: 'finish', finishReason: 'tool-calls' }]
    case 'approval':
      return [
        start,
        { type: 'start-step' },
        { type: 'tool-input-available', toolCallId: tc, toolName: 'pay', input: { amount: 5 } },
        { type: 'tool-approval-request', approvalId: 'ap' + n, toolCallId: tc },
        { type: 'finish-step' },
        { type: 'finish' },
      ]
    case 'error':
      return [start, ...text().slice(0, -1), { type: 'error', errorText: 'model overloaded' }]
    case 'networkError':
      return [start, ...text().slice(0, -1), 'throw']
    case 'file':
      return [start, ...text(), { type: 'file', url: 'https://x/cat.png', mediaType: 'image/png' }, { type: 'finish' }]
    case 'lateStart': {
      const [open, ...rest] = text()
      return [open, rest[0], start, ...rest.slice(1), { type: 'finish' }]
    }
  }
}

/** What the run's describeAction does, and the `action` it must lead to for a finished tool call. */
const describers: Record<DescribeMode, ((part: ChatToolPart) => string) | undefined> = {
  none: undefined,
  good: (part) => 'did ' + part.type,
  empty: () => '',
  number: () => 42 as never,
  throws: () => {
    throw new Error('describeAction failed')
  },
}

const handles = { end: () => {} }
function Controls() {
  handles.end = useConversation().end
  return null
}
function ChatView({ chat, describe }: { chat: Chat<UIMessage>; describe: DescribeMode }) {
  const helpers = useChat({ chat })
  useChatTracking(helpers, { describeAction: describers[describe] })
  return (
    <ul>
      {helpers.messages.map((m) => (
        <li key={m.id}>{m.parts.map((p) => (p.type === 'text' ? p.text : '[' + p.type + ']')).join(' ')}</li>
      ))}
    </ul>
  )
}

let sequences = 0

async function run(grantedAtStart: boolean, userId: string | null, describe: DescribeMode, restored: boolean, bag: HostileBag | undefined, ops: Op[]) {
  sequences++
  cleanup() // what a failed run (fast-check shrinking) left mounted
  sessionStorage.clear()
  takeViolations()
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const keyStore = createKeyStore({ storage: sessionStorage, storageKey: 'model-ai' })
  let stream: Stream | undefined
  /**
   * The reply of the latest request: its message id is read from the chat after every step. `before`:
   * the ids in the chat when it was sent (after regenerate() the last one can be the stale copy an
   * earlier reply left, text before its `start` chunk: not this reply's message).
   */
  let watched: { conversation: Conversation; reply: Reply; before: Set<string> } | undefined
  let nextPlan: (UIMessageChunk | 'throw')[] = []
  const transport: ChatTransport<UIMessage> = {
    async sendMessages({ abortSignal, messages }) {
      const conversation = current
      const chunks = nextPlan
      // Only regenerate() asks with an assistant message last: an earlier reply's stale copy.
      const last = messages.at(-1)
      const inherited = continuesEarlierReply && last?.role === 'assistant' ? last.parts.flatMap((p) => (p.type === 'text' && p.text ? [p.text] : [])) : []
      const reply: Reply = { turn: conversation.sent.length - 1, kind: pending, text: '', visible: false, finished: false, errored: false, stopped: false, textOpen: false, tools: new Map(), inherited, outputAdded: false, flushedWaiting: false, files: 0 }
      conversation.replies.push(reply)
      return new ReadableStream<UIMessageChunk>({
        start(controller) {
          stream = { conversation, reply, controller, chunks, pos: 0 }
          watched = { conversation, reply, before: new Set(messages.map((m) => m.id)) }
          abortSignal?.addEventListener('abort', () => {
            if (stream?.reply === reply) stream = undefined
          })
        },
      })
    },
    async reconnectToStream() {
      return null
    },
  }
  let pending: ReplyKind = 'text'
  const conversations: Conversation[] = []
  const open = (index: number, saved: boolean): Conversation => {
    if (conversations[index]) return conversations[index]
    const id = 'c' + index
    const messages = saved ? history('hist-' + index) : []
    return (conversations[index] = { id, chat: new Chat<UIMessage>({ id, transport, messages, onError: () => {} }), sent: [], replies: [], history: messages.length, fresh: true })
  }
  let current = open(0, restored)
  // The provider's `properties`, hostile or not, built once: the same live object on every render.
  const properties = bag && build(bag)
  const view = { providerKey: 0, viewKey: 0, granted: grantedAtStart, endOnUnmount: false, endOnPageHide: false }
  const app = () => (
    <StrictMode>
      <CopilotAnalyticsProvider
        key={view.providerKey}
        analytics={analytics}
        conversationId={current.id}
        userId={userId}
        properties={properties}
        consent={view.granted ? true : null}
        spec={modelSpec}
        endOnUnmount={view.endOnUnmount}
        endOnPageHide={view.endOnPageHide}
        onError={(error) => errors.push(error)}
        {...({ keyStore } as object)}
      >
        <ChatView key={view.viewKey} chat={current.chat} describe={describe} />
        <Controls />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const settle = () =>
    act(async () => {
      await drain()
      await drain()
    })
  let screen = render(app())
  const update = () => screen.rerender(app())
  const busy = () => current.chat.status === 'submitted' || current.chat.status === 'streaming'

  /** The latest reply of the open chat is the last assistant message, when there is one. */
  const observe = () => {
    const reply = watched?.conversation === current ? watched.reply : undefined
    const last = current.chat.messages.at(-1)
    if (reply && last?.role === 'assistant' && !watched!.before.has(last.id)) (reply.visible = true), (reply.id = last.id)
  }
  const push = async (count: number) => {
    for (let i = 0; i < count && stream; i++) {
      const s = stream
      const chunk = s.chunks[s.pos++]
      const reply = s.reply
      if (chunk === 'throw') {
        // A stream that errors drops what it still queues: let the chat read that first, as a network would.
        await drain()
        reply.errored = true
        s.controller.error(new Error('network down'))
      } else {
        if (chunk.type === 'text-start') reply.textOpen = true
        if (chunk.type === 'text-end') reply.textOpen = false
        if (chunk.type === 'text-delta') reply.text += chunk.delta
        if (chunk.type === 'tool-input-available') reply.tools.set(chunk.toolCallId, { name: chunk.toolName, state: 'waiting' })
        if (chunk.type === 'tool-output-available') reply.tools.get(chunk.toolCallId)!.state = 'done'
        if (chunk.type === 'tool-output-error') reply.tools.get(chunk.toolCallId)!.state = 'failed'
        if (chunk.type === 'file') reply.files++
        if (chunk.type === 'finish') reply.finished = true
        if (chunk.type === 'error') reply.errored = true
        s.controller.enqueue(chunk)
        if (s.pos === s.chunks.length && chunk.type !== 'error') s.controller.close()
      }
      if (s.pos === s.chunks.length || reply.errored) stream = undefined
    }
  }
  const endNow = (c = current) => {
    if ((c.sent.length || c.history) && !c.ended) c.ended = { sent: c.sent.length, replies: c.replies.filter((r) => r.visible) }
  }
  const startRequest = async (reply: ReplyKind, words: number, request: () => Promise<void>) => {
    pending = reply
    nextPlan = plan(reply, words)
    act(() => void request().catch(() => {}))
    await settle()
  }

  const quiet = new Set(['chunks', 'finish', 'stop', 'toolOutput', 'approve', 'wait', 'loadHistory', 'grant', 'flags'])
  for (const step of ops) {
    const wasFresh = current.fresh
    current.fresh = false
    if (!quiet.has(step.type)) for (const r of current.replies) r.flushedWaiting ||= [...r.tools.values()].some((t) => t.state === 'waiting')
    switch (step.type) {
      case 'send': {
        if (busy()) break
        const sent = { id: '', text: 'question ' + current.sent.length }
        current.sent.push(sent)
        await startRequest(step.reply, step.words, () => current.chat.sendMessage({ text: sent.text }))
        sent.id = [...current.chat.messages].reverse().find((m) => m.role === 'user')!.id
        break
      }
      case 'regenerate':
        if (busy() || !current.chat.messages.length || /^(hist|load)-/.test(current.chat.messages.at(-1)!.id)) break
        await startRequest(step.reply, step.words, () => current.chat.regenerate())
        break
      case 'chunks':
        await act(() => push(step.n))
        break
      case 'finish':
        await act(() => push(Infinity))
        break
      case 'stop':
        if (stream) (stream.reply.stopped = true), await act(() => current.chat.stop())
        break
      case 'toolOutput':
      case 'approve': {
        // The app answers its own tool (`locate`) or the user an approval; the server's tools are the server's.
        const part = current.chat.messages.at(-1)?.parts.find((p) => (step.type === 'approve' ? p.type.startsWith('tool-') && (p as ChatToolPart).state === 'approval-requested' : p.type === 'tool-locate' && (p as ChatToolPart).state === 'input-available')) as ChatToolPart | undefined
        if (!part || busy()) break
        const reply = current.replies.find((r) => r.tools.has(part.toolCallId))
        if (step.type === 'toolOutput') {
          await act(async () => {
            await current.chat.addToolOutput({ tool: part.type.slice(5) as never, toolCallId: part.toolCallId, output: 'Oslo' as never })
          })
          if (reply) (reply.outputAdded = true), (reply.tools.get(part.toolCallId)!.state = 'done')
        } else if (step.type === 'approve') {
          const approved = step.approved
          await act(async () => {
            await current.chat.addToolApprovalResponse({ id: part.approval!.id, approved })
          })
        }
        break
      }
      case 'wait':
        act(() => void vi.advanceTimersByTime(1000))
        break
      case 'loadHistory':
        // The usual load-from-server pattern: setMessages right after the chat is opened.
        if (!wasFresh || current.chat.messages.length || busy()) break
        act(() => void (current.chat.messages = history('load-' + current.id)))
        current.history += 2
        break
      case 'switchChat': {
        const before = current
        current = open(step.to, step.saved)
        if (current === before) break
        const left = stream?.conversation === before ? stream : undefined
        update()
        await settle()
        // With endOnUnmount, leaving a conversation for another ends it (its provider is gone),
        // after the reply it was streaming (DESIGN: Ended comes after every event tracked before it).
        if (view.endOnUnmount) endNow(before)
        // The reply that was streaming stays in the chat it was in: stopped there, never lost.
        if (left) (left.reply.stopped = true), (stream = undefined), await act(() => before.chat.stop())
        current.fresh = true
        break
      }
      case 'remountView':
      case 'remountProvider':
        if (step.type === 'remountView') view.viewKey++
        else view.providerKey++
        update()
        await settle()
        current.fresh = true
        break
      case 'end':
        if (busy()) break
        act(() => handles.end())
        endNow()
        break
      case 'pagehide':
        if (busy()) break
        act(() => void window.dispatchEvent(new Event('pagehide')))
        if (view.endOnPageHide) endNow()
        break
      case 'closeApp':
        if (busy()) break
        screen.unmount()
        await settle()
        if (view.endOnUnmount) endNow()
        screen = render(app())
        current.fresh = true
        break
      case 'grant':
        view.granted = true
        update()
        break
      case 'flags':
        view.endOnUnmount = step.endOnUnmount
        view.endOnPageHide = step.endOnPageHide
        update()
        break
    }
    await settle()
    observe()
    if (!view.granted) expect(analytics.calls, 'sent before consent').toEqual([])
  }
  // Let the last reply finish, grant consent if it never was, then close the page.
  if (stream) await act(() => push(Infinity))
  await settle()
  observe()
  view.granted = true
  update()
  const closing = !busy()
  screen.unmount()
  await settle()
  act(() => void vi.runAllTimers())
  await settle()
  vi.useRealTimers()
  if (view.endOnUnmount && closing) endNow()

  check(wire(analytics), conversations, { userId, describe, errors, bag })
  expect(takeViolations(), 'calls that break the spec schema').toEqual([])
}

/** The reference model's rules, checked per conversation on the wire. */
function check(
  tracks: WireTrack[],
  conversations: Conversation[],
  { userId, describe, errors, bag }: { userId: string | null; describe: DescribeMode; errors: CopilotAnalyticsError[]; bag?: HostileBag },
) {
  const all = new Set<string>()
  const provider = safePart(bag)
  for (const track of tracks) {
    // The provider's properties on every call: what can be read and sent, the rest left out.
    expect(track.custom, track.event).toBe(canon(provider.safe))
    // Every event once: a message, a tool call, a file, a conversation's start and end.
    const key = [track.event, track.props.conversationId, track.props.messageId, track.props.tool_call_id].join('|')
    if (track.event !== 'Media Generated') expect(all.has(key), 'sent twice: ' + key).toBe(false)
    all.add(key)
    // Identify before the client's first track call.
    expect(track.identity).toBe(userId ?? undefined)
  }
  let actionsSent = 0
  for (const c of conversations.filter(Boolean)) {
    const mine = tracks.filter((t) => t.props.conversationId === c.id)
    const at = (event: string, id?: string) => mine.findIndex((t) => t.event === event && (id === undefined || t.props.messageId === id))
    const where = `conversation ${c.id}`
    // Message Sent: each live user message, in order, with its text.
    expect(mine.filter((t) => t.event === 'Message Sent').map((t) => [t.props.messageId, t.props.message_body]), where).toEqual(c.sent.map((m) => [m.id, m.text]))
    // Conversation Started: once, before the first Message Sent; never when history started it.
    const started = mine.filter((t) => t.event === 'Conversation Started').length
    expect(started, where + ': Conversation Started').toBe(c.sent.length && !c.history ? 1 : 0)
    if (started) expect(at('Conversation Started'), where).toBeLessThan(at('Message Sent'))
    // Message Received: each reply that showed in the chat, once, in its conversation, in order.
    const visible = c.replies.filter((r) => r.visible)
    expect(mine.filter((t) => t.event === 'Message Received').map((t) => t.props.messageId), where + ': replies').toEqual(visible.map((r) => r.id))
    for (const r of visible) {
      const received = mine[at('Message Received', r.id)]
      expect(received.props.message_body, where + ': body of ' + r.id).toBe([...r.inherited, r.text].filter(Boolean).join('\n'))
      // `error` for a failed reply; `aborted` for one stopped mid-text or left waiting on a tool;
      // `complete` for one that finished with nothing left open. (Stopped between parts, or given its
      // tool output after something may have reported it: either.)
      const waiting = [...r.tools.values()].some((t) => t.state === 'waiting')
      const status = r.errored ? 'error' : waiting || (r.stopped && r.textOpen) ? 'aborted' : r.finished && !r.stopped && !r.flushedWaiting ? 'complete' : undefined
      if (status) expect(received.props.reply_status, where + ': reply_status of ' + r.id).toBe(status)
      // Before the next user message; after the one it answers.
      const index = mine.indexOf(received)
      const sent = mine.filter((t) => t.event === 'Message Sent')
      if (r.turn >= 0 && sent[r.turn]) expect(index, where + ': reply after its question').toBeGreaterThan(mine.indexOf(sent[r.turn]))
      if (sent[r.turn + 1]) expect(index, where + ': a reply before the next question').toBeLessThan(mine.indexOf(sent[r.turn + 1]))
      // Its tool calls and files: after it, at most once; a finished server tool and a file always.
      const actions = mine.filter((t) => t.event === 'Action Invoked' && t.props.messageId === r.id)
      const media = mine.filter((t) => t.event === 'Media Generated' && t.props.messageId === r.id)
      for (const t of [...actions, ...media]) expect(mine.indexOf(t), where).toBeGreaterThan(index)
      for (const a of actions) {
        const tool = r.tools.get(a.props.tool_call_id as string)
        expect(tool?.state, where + ': action of a finished tool call').not.toBe('waiting')
        expect(a.props.action, where + ': action').toBe(describe === 'good' ? 'did tool-' + tool!.name : tool!.state === 'failed' ? 'failed' : 'completed')
      }
      actionsSent += actions.length
      // A server tool and a file finish while the reply streams, so before it is reported.
      const server = (name: string) => name === 'weather' || name === 'lookup'
      const serverTools = [...r.tools.values()].filter((t) => server(t.name) && t.state !== 'waiting').length
      expect(actions.filter((a) => server(r.tools.get(a.props.tool_call_id as string)!.name)).length, where + ': server tool of ' + r.id).toBe(serverTools)
      expect(media.length, where + ': media of ' + r.id).toBe(r.files)
    }
    // History: nothing sent for it.
    expect(mine.filter((t) => /^(hist|load)-/.test(t.props.messageId as string)), where + ': history sent').toEqual([])
    // Conversation Ended: once when ended; after everything that came before the end, held replies
    // included, and counting them and the history.
    const ended = mine.filter((t) => t.event === 'Conversation Ended')
    expect(ended.length, where + ': Conversation Ended').toBe(c.ended ? 1 : 0)
    if (c.ended) {
      const index = mine.indexOf(ended[0])
      const sent = mine.filter((t) => t.event === 'Message Sent').slice(0, c.ended.sent)
      for (const t of sent) expect(mine.indexOf(t), where + ': Ended after every message').toBeLessThan(index)
      for (const r of c.ended.replies) expect(at('Message Received', r.id), where + ': the held reply before Ended').toBeLessThan(index)
      expect(ended[0].props.message_count, where + ': message_count').toBe(c.history + c.ended.sent + c.ended.replies.length)
    }
  }
  // Bad values reported (a hostile provider property once there was something to send), nothing else.
  const hostile = ['invalid_property', 'event_too_large', 'redact_error']
  if (provider.bad && tracks.length) expect(errors.filter((e) => hostile.includes(e.code)).length, 'a hostile property was sent without a report').toBeGreaterThan(0)
  const codes = errors.map((e) => e.code).filter((code) => !(provider.bad && hostile.includes(code)))
  const bad = describe !== 'none' && describe !== 'good' && actionsSent > 0
  expect(codes.filter((code) => code !== 'invalid_chat'), 'errors').toEqual([])
  if (bad) expect(codes, 'describeAction returned no string').toContain('invalid_chat')
  if (!bad && describe !== 'throws') expect(codes, 'errors').toEqual([])
}

test(`adversarial model, AI SDK adapter: ${RUNS} random sequences on the real useChat match the reference model`, async () => {
  const started = performance.now()
  const seed = seedFor('ai-sdk')
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.constantFrom(null, 'u1@mail.test'),
      fc.constantFrom<DescribeMode>('none', 'none', 'good', 'empty', 'number', 'throws'),
      fc.boolean(),
      fc.option(hostileBag(PROVIDER_KEYS), { nil: undefined, freq: 2 }),
      fc.array(op, { minLength: 1, maxLength: 16 }),
      run,
    ),
    { numRuns: RUNS, seed },
  )
  expect(sequences).toBeGreaterThanOrEqual(RUNS)
  console.info(`[model] ai-sdk: ${sequences} sequences in ${Math.round(performance.now() - started)} ms (seed ${seed})`)
}, 1_200_000)
