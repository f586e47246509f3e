import { useEffect, useRef, useState, type CSSProperties, type FormEvent } from 'react'
import { TrackedComponent, TrackedMessage, useConversation, useMessageActions } from '../../src/entries'
import { GeneratedImage, StockChart, ToolCall } from './Attachments'
import { StarRating, ThumbsFeedback } from './Feedback'
import { SUGGESTIONS, type ChatMessage, type SimulatedChat } from './useSimulatedChat'

export interface ChatViewProps {
  chat: SimulatedChat
  title?: string
  /** Shown in the header: where the calls go. */
  live?: boolean
  /** Changing it remounts the message list (and every tracked message in it). */
  listKey?: number
  /** Offered once the chat has ended. */
  onNewChat?: () => void
  /**
   * The LLM signals: each reply's model and tokens (sent on Message Received), copy and regenerate on
   * replies, edit on the user's messages, and a reason and a comment after a thumbs down.
   */
  signals?: boolean
  style?: CSSProperties
}

/** The reasons the demo offers after a thumbs down. */
export const FEEDBACK_REASONS = ['inaccurate', 'unhelpful', 'unsafe', 'other'] as const

/** A copilot chat panel; must sit inside a CopilotAnalyticsProvider. */
export function ChatView({ chat, title = 'Copilot', live = false, listKey, onNewChat, signals = false, style }: ChatViewProps) {
  const { conversationId, messageCount, isEnded, end } = useConversation()
  const [draft, setDraft] = useState('')
  const canSend = !isEnded && !chat.isStreaming
  // Keep the newest words in view while a reply streams in.
  const list = useRef<HTMLDivElement>(null)
  const last = chat.messages.at(-1)
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight
  }, [chat.messages.length, last?.text, last?.status, isEnded])

  // The user message being edited: its new text is typed in the composer.
  const [editing, setEditing] = useState<string>()
  const editActions = useMessageActions(editing ?? '')
  const submit = (e?: FormEvent) => {
    e?.preventDefault()
    const text = draft.trim()
    if (!text || !canSend) return
    if (editing) {
      editActions.edit()
      chat.edit(editing, text)
      setEditing(undefined)
    } else chat.send(text)
    setDraft('')
  }
  const lastReply = chat.messages.filter((m) => m.role === 'assistant').at(-1)?.id
  const actions: BubbleActions | undefined = signals
    ? {
        canAct: canSend,
        lastReply,
        regenerate: chat.regenerate,
        startEdit: (message) => {
          setEditing(message.id)
          setDraft(message.text)
        },
      }
    : undefined

  return (
    <section aria-label={title} style={{ ...ui.panel, ...style }}>
      <header style={ui.header}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <div style={{ fontWeight: 600 }}>{title}</div>
          <div style={ui.meta}>
            <code>{conversationId}</code> · <span data-testid="message-count">{messageCount}</span> message{messageCount === 1 ? '' : 's'} ·{' '}
            {live ? 'sending to Segment' : 'in-memory, nothing leaves the page'}
          </div>
        </div>
        {isEnded ? (
          onNewChat && (
            <button type="button" style={ui.button} onClick={onNewChat}>
              New chat
            </button>
          )
        ) : (
          <button type="button" style={ui.button} onClick={end}>
            End chat
          </button>
        )}
      </header>

      <div ref={list} role="list" aria-label="Messages" key={listKey} style={ui.messages}>
        {chat.messages.length === 0 && <p style={ui.empty}>Ask the copilot something, or pick a suggestion below.</p>}
        {chat.messages.map((message) => (
          <Bubble key={message.id} message={message} actions={actions} />
        ))}
        {isEnded && <p style={ui.ended}>Conversation ended after {messageCount} messages.</p>}
      </div>

      {!isEnded && (
        <div style={ui.suggestions}>
          {SUGGESTIONS.map((s) => (
            <button key={s} type="button" style={ui.chip} disabled={!canSend} onClick={() => chat.send(s)}>
              {s}
            </button>
          ))}
        </div>
      )}
      <form onSubmit={submit} style={ui.composer}>
        <input
          aria-label="Message"
          placeholder={isEnded ? 'This conversation has ended' : editing ? 'Edit your message…' : 'Message the copilot…'}
          value={draft}
          disabled={isEnded}
          onChange={(e) => setDraft(e.target.value)}
          style={ui.input}
        />
        <button type="submit" disabled={!canSend || !draft.trim()} style={{ ...ui.button, ...ui.send }}>
          Send
        </button>
      </form>
      <footer style={ui.footer}>
        <StarRating />
      </footer>
    </section>
  )
}

interface BubbleActions {
  canAct: boolean
  lastReply?: string
  regenerate(replyId: string): void
  startEdit(message: ChatMessage): void
}

function Bubble({ message, actions }: { message: ChatMessage; actions?: BubbleActions }) {
  const mine = message.role === 'user'
  const done = message.status === 'complete'
  return (
    <div role="listitem" aria-label={mine ? 'You' : 'Copilot'} data-status={message.status} style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}>
      <div style={mine ? ui.mine : ui.theirs}>
        {message.kind === 'tool' && <ToolCall messageId={message.id} done={message.text !== ''} />}
        <TrackedMessage as="p" id={message.id} role={message.role} body={message.text} status={message.status} metadata={actions && message.metadata} style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
          {message.text || (done ? '' : <span style={{ color: '#9ca3af' }}>thinking…</span>)}
          {!done && message.text && <span aria-hidden style={ui.caret} />}
        </TrackedMessage>
        {done && message.kind === 'stock' && (
          <TrackedComponent type="Stock Price Chart" messageId={message.id}>
            <StockChart />
          </TrackedComponent>
        )}
        {done && message.kind === 'image' && <GeneratedImage messageId={message.id} />}
        {done && !mine && (
          <div style={{ marginTop: 6 }}>
            <ThumbsFeedback messageId={message.id} reasons={actions && FEEDBACK_REASONS} />
          </div>
        )}
        {done && actions && <MessageActions message={message} actions={actions} />}
      </div>
    </div>
  )
}

/** Copy and regenerate on a reply (with its model and tokens), edit on the user's message. */
function MessageActions({ message, actions }: { message: ChatMessage; actions: BubbleActions }) {
  const tracked = useMessageActions(message.id)
  const { metadata } = message
  const small = { ...ui.button, padding: '1px 8px', fontSize: 11 }
  if (message.role === 'user')
    return (
      <div style={{ marginTop: 4, textAlign: 'right' }}>
        <button type="button" style={small} disabled={!actions.canAct} onClick={() => actions.startEdit(message)}>
          Edit
        </button>
      </div>
    )
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 6, fontSize: 11, color: '#6b7280' }}>
      <button
        type="button"
        style={small}
        onClick={() => {
          // Clipboard access may be refused (an iframe, no permission): the user's copy is tracked anyway.
          void navigator.clipboard?.writeText(message.text).catch(() => {})
          tracked.copy()
        }}
      >
        Copy
      </button>
      {message.id === actions.lastReply && (
        <button
          type="button"
          style={small}
          disabled={!actions.canAct}
          onClick={() => {
            tracked.regenerate()
            actions.regenerate(message.id)
          }}
        >
          Regenerate
        </button>
      )}
      {metadata && (
        <span data-testid="reply-figures">
          {metadata.model} · {metadata.input_tokens} in / {metadata.output_tokens} out tokens
        </span>
      )}
    </div>
  )
}

const ui = {
  panel: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    border: '1px solid #e5e7eb',
    borderRadius: 12,
    background: '#fff',
    font: '14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif',
    color: '#111827',
    overflow: 'hidden',
  },
  header: { display: 'flex', alignItems: 'center', gap: 8, padding: '10px 14px', borderBottom: '1px solid #e5e7eb' },
  meta: { fontSize: 12, color: '#6b7280', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  messages: { flex: 1, minHeight: 160, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 10, padding: 14, background: '#f9fafb' },
  empty: { margin: 'auto', color: '#6b7280', textAlign: 'center' },
  ended: { margin: '4px auto', fontSize: 12, color: '#6b7280' },
  mine: { maxWidth: '80%', padding: '8px 12px', borderRadius: '14px 14px 4px 14px', background: '#4f46e5', color: '#fff' },
  theirs: { maxWidth: '85%', padding: '8px 12px', borderRadius: '14px 14px 14px 4px', background: '#fff', border: '1px solid #e5e7eb' },
  caret: { display: 'inline-block', width: 7, height: 14, marginLeft: 2, verticalAlign: 'text-bottom', background: '#6366f1' },
  suggestions: { display: 'flex', flexWrap: 'wrap', gap: 6, padding: '8px 14px 0' },
  chip: { font: 'inherit', padding: '3px 10px', border: '1px solid #c7d2fe', borderRadius: 999, background: '#eef2ff', color: '#3730a3', fontSize: 12, cursor: 'pointer' },
  composer: { display: 'flex', gap: 8, padding: '8px 14px' },
  input: { flex: 1, minWidth: 0, padding: '8px 10px', border: '1px solid #d1d5db', borderRadius: 8, font: 'inherit' },
  button: { padding: '6px 12px', border: '1px solid #d1d5db', borderRadius: 8, background: '#fff', font: 'inherit', fontSize: 13, cursor: 'pointer' },
  send: { background: '#4f46e5', borderColor: '#4f46e5', color: '#fff' },
  footer: { padding: '6px 14px 10px', borderTop: '1px solid #f3f4f6' },
} satisfies Record<string, CSSProperties>
