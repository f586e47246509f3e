import { trackAction, trackMedia } from './events'
import { trackMessageAction } from './messageActions'
import { isNonEmptyString, type TrackerBase } from './tracker'
import type { CopilotAnalyticsErrorCode } from './errors'
import type { ReplyMetadata } from './types'

/**
 * The reply lifecycle every chat-framework adapter shares. An adapter only translates its
 * framework's state into {@link ChatSnapshot}s; {@link advance} decides, as a pure function, what
 * each message is and what to send:
 *
 * - **history**: a message that appears while no request has been in flight yet in this chat (present
 *   when tracking begins, or loaded a moment later) is counted and marks the conversation started,
 *   and nothing is sent for it. From the first request on (status `busy`, or `error` after it), every
 *   new message is live. When tracking begins mid-request, only the last message is live.
 * - **streaming**: the last message while a request is in flight; nothing is sent yet.
 * - **awaiting tool**: the request ended and the reply's last step waits on a tool (its output or an
 *   approval): held until a later message follows it, it disappears, or the chat ends.
 * - **settling**: the request ended mid-text (a stop) or right after tool calls: the framework may
 *   still continue the same message, so it is held for a short delay ({@link settle}).
 * - **superseded**: an earlier copy of the next message (its id replaced mid-reply): only the later
 *   copy is reported. The earlier copy is done with: not history, and not a reply of its own once
 *   the later copy is gone. A reply stopped mid-text is never superseded once its request ended:
 *   what takes its place is a new reply (regenerate), even when it begins with the same text.
 * - **reported**: sent once, as `complete`, `aborted` (unfinished parts) or `error`.
 *
 * A held reply that disappears (regenerate, an edit) is reported with what it had; a finished last
 * reply that disappears while the user message before it stays (regenerate) is reported as Reply
 * Regenerated (`regenerated`); opening another
 * chat reports the previous chat's unreported reply into its own conversation; {@link flush} (the
 * conversation ends, the chat view goes away) reports a held reply at once, and a streaming one
 * too when nothing will see it finish.
 */

/** Where a tool call is: still running, waiting on the app or the user, or finished. */
export type ToolState = 'running' | 'waiting' | 'done' | 'failed' | 'denied'

/** A part of a message, in the adapter-neutral shape the lifecycle reads. */
export type ReplyPart =
  | { type: 'text' | 'reasoning'; text: string; streaming?: boolean }
  | { type: 'tool'; name: string; callId?: string; state: ToolState; source?: unknown }
  | { type: 'file'; mediaType?: string; url?: string }
  /** A step boundary: what follows it is the step the reply is in. */
  | { type: 'step' }
  /** Any other content (data, sources): compared by kind only. */
  | { type: 'other'; kind: string; streaming?: boolean }

export type ReplyToolPart = Extract<ReplyPart, { type: 'tool' }>

export interface ReplyMessage {
  id: string
  /** `user` sends Message Sent, `assistant` Message Received; other roles are not tracked. */
  role: string
  parts: readonly ReplyPart[]
  /** A reply's model, tokens and finish reason, as its framework carries them; absent when unknown. */
  metadata?: ReplyMetadata
}

export interface ChatSnapshot {
  /** Identifies the chat; when it changes, another chat was opened. */
  chat: string
  conversationId: string
  /** `busy`: a request is in flight (submitted or streaming). */
  status: 'idle' | 'busy' | 'error'
  /** Falsy entries are skipped. */
  messages: readonly (ReplyMessage | null | undefined)[]
}

export type ReplyStatus = 'complete' | 'aborted' | 'error'

export type ReplyEffect =
  | { type: 'history'; conversationId: string; message: ReplyMessage }
  | { type: 'send'; conversationId: string; message: ReplyMessage }
  /** A live reply seen in progress (with content or not yet): lets the tracker time it. */
  | { type: 'progress'; conversationId: string; id: string; content: boolean }
  /** `live`: awaited in this session (gets the response-time metrics); false for sent history. */
  | { type: 'reply'; conversationId: string; message: ReplyMessage; status: ReplyStatus; live: boolean }
  | { type: 'action'; conversationId: string; messageId: string; tool: ReplyToolPart }
  | { type: 'media'; conversationId: string; messageId: string; mediaType?: string; index: number }
  /** The last reply was replaced by another answer to the same user message (regenerate). */
  | { type: 'regenerated'; conversationId: string; messageId: string }
  /** (Re)start the settle delay; when it runs out, call {@link settle}. */
  | { type: 'settle' }

export type ReplyPhase = 'streaming' | 'awaiting-tool' | 'settling'

export interface HeldReply {
  phase: ReplyPhase
  message: ReplyMessage
  conversationId: string
  /** Where it was: a copy that replaces it in place (a new id) supersedes it. */
  index: number
  live: boolean
  /** Content seen while streaming (the first token was timed). */
  content?: boolean
}

export interface ReplyLifecycleState {
  /** The chat of the last snapshot; undefined before the first. */
  chat?: string
  /** A request has been in flight in this chat: from then on new messages are live. */
  live: boolean
  /** Ids handled in this chat (history, sent, reported). */
  handled: ReadonlySet<string>
  /** The last message, not reported yet. */
  held?: HeldReply
  /** The last exchange, when it ends in a finished reply: the user message (id and text) and the reply. */
  turn?: { user: string; text: string; reply: ReplyMessage; conversationId: string }
}

export interface ReplyStep {
  state: ReplyLifecycleState
  effects: ReplyEffect[]
}

export const initialReplyState: ReplyLifecycleState = { live: false, handled: new Set() }

const hasContent = (part: ReplyPart) => (part.type === 'text' || part.type === 'reasoning' ? !!part.text : part.type !== 'step')
const unfinished = (part: ReplyPart) => (part.type === 'tool' ? part.state === 'running' || part.state === 'waiting' : 'streaming' in part && !!part.streaming)

/** The parts after the last step boundary: the step the reply is in. */
function lastStep(parts: readonly ReplyPart[]): readonly ReplyPart[] {
  let start = parts.length
  while (start > 0 && parts[start - 1].type !== 'step') start--
  return parts.slice(start)
}

/** The body: the text parts, joined with a newline. */
export const textOf = (message: ReplyMessage): string =>
  message.parts.flatMap((part) => (part.type === 'text' && part.text ? [part.text] : [])).join('\n')

/**
 * Whether `next` is a later copy of `message` (its id replaced while it streamed): it begins with all
 * of the earlier one's content, the same parts, texts that go on from where they were.
 */
export function supersedes(next: ReplyMessage | null | undefined, message: ReplyMessage): boolean {
  if (next?.role !== 'assistant') return false
  const mine = message.parts
  const theirs = next.parts
  return (
    mine.length <= theirs.length &&
    mine.every((part, i) => {
      const other = theirs[i] as Partial<Record<string, unknown>>
      if (part.type !== other.type) return false
      if (part.type === 'tool') return part.callId === other.callId
      if (part.type === 'file') return part.url === other.url
      if (part.type === 'other') return part.kind === other.kind
      return part.type === 'step' || String(other.text ?? '').startsWith(part.text)
    })
  )
}

/**
 * Whether a reply whose request ended can still be replaced by a later copy of itself (a request
 * that continues it after its tool calls may swap its id). Not one stopped mid-text: a message that
 * takes its place, even with the same first words (or both empty), comes from another request
 * (regenerate), since the SDK swaps an id only within the request that streams the message.
 */
const continuable = (message: ReplyMessage) => !message.parts.some((part) => part.type !== 'tool' && unfinished(part))

const statusOf = (message: ReplyMessage): ReplyStatus => (message.parts.some(unfinished) ? 'aborted' : 'complete')

function report(effects: ReplyEffect[], conversationId: string, message: ReplyMessage, status: ReplyStatus, live: boolean) {
  effects.push({ type: 'reply', conversationId, message, status, live })
  // After the reply's Message Received, which gives them its final id.
  let files = 0
  for (const part of message.parts) {
    if (part.type === 'tool' && (part.state === 'done' || part.state === 'failed')) effects.push({ type: 'action', conversationId, messageId: message.id, tool: part })
    if (part.type === 'file') effects.push({ type: 'media', conversationId, messageId: message.id, mediaType: part.mediaType, index: files++ })
  }
}

/**
 * The next state and the effects, for a new snapshot of the chat. Pure: the same state and snapshot
 * always give the same result, and neither is changed.
 *
 * @example
 * let state = initialReplyState
 * const step = advance(state, { chat: 'c1', conversationId: 'c1', status: 'idle', messages })
 * state = step.state // then perform step.effects, in order
 */
export function advance(state: ReplyLifecycleState, snapshot: ChatSnapshot, options: { sendHistory?: boolean; stableIds?: boolean } = {}): ReplyStep {
  const effects: ReplyEffect[] = []
  const { conversationId, messages, status } = snapshot
  const first = state.chat !== snapshot.chat
  let { live, handled, held } = state
  if (first) {
    // Another chat was opened: the previous chat's reply is not lost by the switch.
    if (held) report(effects, held.conversationId, held.message, statusOf(held.message), held.live)
    live = false
    handled = new Set()
    held = undefined
  }
  const busy = status === 'busy'
  const last = messages.length - 1
  // The held reply is gone (regenerate, an edit): reported with what it had, unless a copy under a
  // new id took its place.
  if (held && messages[held.index]?.id !== held.message.id && !messages.some((message) => message?.id === held!.message.id)) {
    if (options.stableIds || (held.phase !== 'streaming' && !continuable(held.message)) || !supersedes(messages[held.index], held.message)) report(effects, held.conversationId, held.message, statusOf(held.message), held.live)
    held = undefined
  }
  // The last reply is gone while the user message it answered stays as it was and last, and another
  // answer is on its way: regenerated. Not when a copy of the reply under a new id took its place, nor
  // after an edit (the user message changed); a stop leaves the reply in place.
  const { turn } = state
  if (!first && turn && !messages.some((message) => message?.id === turn.reply.id || (!options.stableIds && continuable(turn.reply) && supersedes(message, turn.reply)))) {
    const at = messages.findIndex((message) => message?.id === turn.user)
    const after = messages.slice(at + 1).filter((message) => message)
    const newest = after.at(-1)
    // Still the last user message: a new question after it (a failed reply dropped by a framework
    // that rolls the thread back, as LangGraph does) is not a regenerate; nor is a reply shown again
    // (a branch picker going back to an answer already handled).
    if (at >= 0 && textOf(messages[at]!) === turn.text && after.every((message) => message!.role !== 'user') && (busy || (newest && !handled.has(newest.id))))
      effects.push({ type: 'regenerated', conversationId: turn.conversationId, messageId: turn.reply.id })
  }
  let added: Set<string> | undefined
  const mark = (id: string) => (added ??= new Set(handled)).add(id)
  let next: HeldReply | undefined
  messages.forEach((message, i) => {
    if (!message || (added ?? handled).has(message.id)) return
    const { role } = message
    if (role !== 'user' && role !== 'assistant') return
    // An earlier copy of the next message (its id replaced mid-reply, the SDK keeping the old copy):
    // only the later copy is a reply. Done with for good, so that it is neither history (counted
    // twice) nor taken for a reply of its own once the later copy is gone (regenerate).
    if (role === 'assistant' && !options.stableIds && supersedes(messages[i + 1], message)) {
      mark(message.id)
      return
    }
    // Before the first request, new messages are history; a request already in flight when
    // tracking begins makes only the last message live.
    const isLive = live || (busy && (!first || i === last)) || (!first && status === 'error')
    if (!isLive && !options.sendHistory) {
      mark(message.id)
      effects.push({ type: 'history', conversationId, message })
      return
    }
    if (role === 'user') {
      mark(message.id)
      effects.push({ type: 'send', conversationId, message })
      return
    }
    if (i < last) {
      mark(message.id)
      return report(effects, conversationId, message, statusOf(message), isLive)
    }
    const previous = held?.message.id === message.id ? held : undefined
    const reply = { message, conversationId, index: i, live: isLive }
    if (busy) {
      const content = message.parts.some(hasContent)
      next = { ...reply, phase: 'streaming', content: previous?.content || content }
      if (isLive && (previous?.phase !== 'streaming' || (content && !previous.content))) effects.push({ type: 'progress', conversationId, id: message.id, content })
      return
    }
    if (status === 'error') {
      mark(message.id)
      return report(effects, conversationId, message, 'error', isLive)
    }
    const step = lastStep(message.parts)
    const lastContent = step.filter(hasContent).pop()
    if (step.some((part) => part.type === 'tool' && part.state === 'waiting')) next = { ...reply, phase: 'awaiting-tool' }
    else if (message.parts.some(unfinished) || lastContent?.type === 'tool') {
      next = { ...reply, phase: 'settling' }
      // Any change to the reply starts the delay again.
      if (previous?.phase !== 'settling' || previous.message !== message) effects.push({ type: 'settle' })
    } else {
      mark(message.id)
      report(effects, conversationId, message, 'complete', isLive)
    }
  })
  return { state: { chat: snapshot.chat, live: live || busy || (!first && status === 'error'), handled: added ?? handled, held: next, turn: lastTurn(messages, added ?? handled, next, conversationId) }, effects }
}

/**
 * The last exchange when it ends in a finished reply (reported, or held once its request ended), for
 * telling a regenerate. A streaming reply is not finished: its id may still be replaced.
 */
function lastTurn(messages: ChatSnapshot['messages'], handled: ReadonlySet<string>, held: HeldReply | undefined, conversationId: string): ReplyLifecycleState['turn'] {
  const present = messages.filter((message): message is ReplyMessage => !!message)
  const reply = present.at(-1)
  const user = present.filter((message) => message.role === 'user').at(-1)
  if (reply?.role !== 'assistant' || !user) return undefined
  const finished = held?.message.id === reply.id ? held.phase !== 'streaming' : handled.has(reply.id)
  if (!finished) return undefined
  return { user: user.id, text: textOf(user), reply, conversationId }
}

/** The settle delay ran out: a settling reply is reported. */
export function settle(state: ReplyLifecycleState): ReplyStep {
  return state.held?.phase === 'settling' ? flush(state) : { state, effects: [] }
}

/**
 * The conversation ends or the chat view goes away: a reply awaiting a tool or settling is reported
 * now. A streaming reply only with `streaming` (nothing will see it finish): otherwise its request
 * goes on, and it is reported when it finishes.
 */
export function flush(state: ReplyLifecycleState, { streaming = false }: { streaming?: boolean } = {}): ReplyStep {
  const { held } = state
  if (!held || (held.phase === 'streaming' && !streaming)) return { state, effects: [] }
  const effects: ReplyEffect[] = []
  report(effects, held.conversationId, held.message, statusOf(held.message), held.live)
  return { state: { ...state, handled: new Set(state.handled).add(held.message.id), held: undefined }, effects }
}

// Bundlers replace process.env.NODE_ENV; the subjects of reports are for development only.
declare const process: { env: { NODE_ENV?: string } }

/**
 * A finished tool call's Action Invoked `action`, from the app's `describe` (an adapter's
 * `describeAction` option, given the framework's own part as `tool.source`): `fallback` without one,
 * or when it throws or returns no non-empty string, which is reported as `code`.
 *
 * @example
 * describeTool: (tool, fallback) => describeToolWith(tracker, 'invalid_chat', latest.current.describeAction, tool, fallback)
 */
export function describeToolWith<Source>(
  tracker: TrackerBase,
  code: CopilotAnalyticsErrorCode,
  describe: ((source: Source) => unknown) | undefined,
  tool: ReplyToolPart,
  fallback: string,
): string {
  if (!describe) return fallback
  const subject = process.env.NODE_ENV !== 'production' ? `describeAction(), on tool "${tool.name}",` : ''
  try {
    const action: unknown = describe(tool.source as Source)
    if (isNonEmptyString(action)) return action
    tracker.report(code, process.env.NODE_ENV !== 'production' ? subject + ' returned a value that' : '', action)
  } catch (error) {
    tracker.report(code, process.env.NODE_ENV !== 'production' ? subject + ' threw: it' : '', error)
  }
  return fallback
}

export interface ReplyLifecycleOptions {
  /** How long a settling reply waits for more before it is reported. Default 250 ms. */
  settleMs?: number
  /** Send the history instead of only counting it (the restored messages, once, without metrics). */
  sendHistory?: boolean
  /**
   * The framework never replaces a message's id: no message is an earlier copy of another, so a
   * reply that a new one replaces (a regenerate that starts with the same words) is still reported.
   */
  stableIds?: boolean
  /** The chat view is gone for good: a flush also reports a streaming reply, which nothing will see finish. */
  gone?: boolean
  /** The Action Invoked `action` for a finished tool call; `fallback` is `completed` or `failed`. */
  describeTool?: (tool: ReplyToolPart, fallback: string) => string
}

export interface ReplyLifecycle {
  /** Feeds a snapshot of the chat. */
  update(snapshot: ChatSnapshot): void
  /** Reports a held reply now (see {@link flush}; a streaming one too when `gone`) and stops the settle timer. */
  flush(): void
  /**
   * The chat view went away: flushes, then lets go of the tracker (a reply left streaming is another view's).
   * `refresh` feeds what the view showed last, first: a view that Suspense hid stops seeing its chat
   * (its layout effects are gone), and one that unmounts before it shows again would otherwise report
   * the reply as it was when hidden. Called only while this runner still tracks a chat (not one it
   * handed over to another view).
   */
  close(refresh?: () => void): void
  /**
   * Lets go of the tracker without reporting anything, and returns the state, for a runner that takes
   * this one's place ({@link ReplyLifecycle.resume}); this one then holds nothing.
   */
  detach(): ReplyLifecycleState
  /**
   * The state as it stands, for a view of the same chat that opens beside this one (a second view
   * mounted mid-reply): it continues from it ({@link ReplyLifecycle.resume}) instead of taking the
   * reply for history, and this one keeps its own. Both may then report the reply: its key sends it once.
   */
  peek(): ReplyLifecycleState
  /**
   * Continues from a state another runner detached (the chat view remounted over the same chat): its
   * held or streaming reply is this runner's to report, and its messages are not history here. A
   * reply this runner held of another chat is reported first, as when another chat is opened.
   */
  resume(state: ReplyLifecycleState): void
}

/**
 * Runs the lifecycle against a tracker: performs the effects, runs the settle timer, and registers
 * an unreported reply with `tracker.subscribe` (end() names the conversation it closes) so that ending the conversation sends a held one
 * first (a streaming one too once the chat view is `gone`). Options are read when needed, so they
 * may change between snapshots.
 *
 * @example
 * const lifecycle = createReplyLifecycle(tracker, () => ({ settleMs: 250 }))
 * chat.onChange(() => lifecycle.update(toSnapshot(chat)))
 * // when the chat view goes away:
 * lifecycle.close()
 */
export function createReplyLifecycle(tracker: TrackerBase, options: () => ReplyLifecycleOptions = () => ({})): ReplyLifecycle {
  let state = initialReplyState
  let timer: ReturnType<typeof setTimeout> | undefined
  let release: (() => void) | undefined
  let holding: HeldReply | undefined

  const run = (step: ReplyStep) => {
    state = step.state
    for (const effect of step.effects) perform(effect)
    if (state.held?.phase !== 'settling') clearTimeout(timer)
    const { held } = state
    if (held?.conversationId !== holding?.conversationId) {
      release?.()
      release = held && tracker.subscribe((ending) => ending === held.conversationId && flushNow())
    }
    holding = held
  }
  const flushNow = () => run(flush(state, { streaming: options().gone }))

  const perform = (effect: ReplyEffect) => {
    if (effect.type === 'settle') {
      clearTimeout(timer)
      timer = setTimeout(() => run(settle(state)), options().settleMs ?? 250)
      return
    }
    const { conversationId } = effect
    if (effect.type === 'progress') {
      tracker.message({ conversationId, id: effect.id, role: 'assistant', status: 'streaming', body: effect.content ? '…' : '' })
    } else if (effect.type === 'history') {
      tracker.message({ conversationId, id: effect.message.id, role: effect.message.role, history: true })
    } else if (effect.type === 'send') {
      tracker.message({ conversationId, id: effect.message.id, role: 'user', body: textOf(effect.message) })
    } else if (effect.type === 'reply') {
      const { message, live } = effect
      // A live reply was awaited even if it is first seen finished: let the tracker time it.
      if (live) tracker.message({ conversationId, id: message.id, role: 'assistant', status: 'streaming' })
      tracker.message({ conversationId, id: message.id, role: 'assistant', body: textOf(message), metadata: message.metadata, properties: { reply_status: effect.status } })
    } else if (effect.type === 'regenerated') {
      trackMessageAction(tracker, { conversationId, action: 'regenerate', messageId: effect.messageId })
    } else if (effect.type === 'action') {
      const { tool, messageId } = effect
      const fallback = tool.state === 'failed' ? 'failed' : 'completed'
      const action = options().describeTool?.(tool, fallback) ?? fallback
      trackAction(tracker, { conversationId, type: tool.name, action, messageId, role: 'assistant', id: tool.callId, properties: { tool_call_id: tool.callId } })
    } else {
      const [type, subType] = (effect.mediaType ?? '').split(';')[0].trim().split('/')
      trackMedia(tracker, { conversationId, type, subType: subType || undefined, messageId: effect.messageId, id: effect.messageId + ':file:' + effect.index })
    }
  }

  const detach = () => {
    const left = state
    release?.()
    clearTimeout(timer)
    state = initialReplyState
    release = holding = undefined
    return left
  }

  return {
    update: (snapshot) => run(advance(state, snapshot, { sendHistory: options().sendHistory, stableIds: options().stableIds })),
    flush: flushNow,
    close(refresh) {
      if (state.chat !== undefined) refresh?.()
      flushNow()
      detach()
    },
    detach,
    peek: () => state,
    resume(next) {
      if (state.chat !== next.chat) run(flush(state, { streaming: true }))
      detach()
      // The settle delay starts again: the runner that began it is gone.
      run({ state: next, effects: next.held?.phase === 'settling' ? [{ type: 'settle' }] : [] })
    },
  }
}
