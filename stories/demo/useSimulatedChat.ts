import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReplyMetadata } from '../../src/entries'

/** What the simulated copilot attaches to a reply. */
export type ReplyKind = 'text' | 'stock' | 'image' | 'tool'

export interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
  status: 'streaming' | 'complete'
  kind: ReplyKind
  /** A finished reply's model, token counts and trace, as a server would report them. */
  metadata?: ReplyMetadata
}

/** The simulated model: its name, and a rough token count (words and punctuation) for the figures. */
export const DEMO_MODEL = 'copilot-demo-1'
const countTokens = (text: string) => text.match(/\w+|[^\w\s]/g)?.length ?? 0

interface Script {
  kind: ReplyKind
  text: string
}

/** Canned answers chosen by keyword: enough to show every event the package sends. */
export function replyFor(prompt: string): Script {
  if (/stock|price|chart|share|acme/i.test(prompt))
    return { kind: 'stock', text: "Here is ACME's share price over the last 30 days. It closed at $142.30, up 4.2% on the month, with most of the gain after the earnings call." }
  if (/image|draw|picture|sketch|paint|logo|sunset/i.test(prompt))
    return { kind: 'image', text: 'Here is a sunset over the mountains, drawn just for you.' }
  if (/order|ship|deliver|track|parcel|refund/i.test(prompt))
    return { kind: 'tool', text: 'I looked it up: order A-1042 shipped yesterday and should arrive on Thursday.' }
  return {
    kind: 'text',
    text: "I'm a simulated copilot, so I only know a few tricks: ask me for ACME's stock price, to draw a sunset, or where your order is.",
  }
}

export const SUGGESTIONS = ["Show me ACME's stock price", 'Draw me a sunset', 'Where is my order?']

/**
 * The chat's state, with no analytics in it: it can live above the provider, so remounting the
 * provider or the message list keeps the conversation (the exactly-once demo relies on it).
 * Replies stream word by word, like a model's tokens.
 */
export function useSimulatedChat({ tokenDelayMs = 30 }: { tokenDelayMs?: number } = {}) {
  const [messages, setMessages] = useState<ChatMessage[]>([])
  const messagesRef = useRef(messages)
  messagesRef.current = messages
  const turn = useRef(0)
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())
  const delay = useRef(tokenDelayMs)
  delay.current = tokenDelayMs

  const stopAll = useCallback(() => {
    timers.current.forEach(clearTimeout)
    timers.current.clear()
  }, [])
  useEffect(() => stopAll, [stopAll])

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      fn()
    }, ms)
    timers.current.add(timer)
  }

  /** Streams the answer to `prompt` as a new reply after `before` (the messages it follows). */
  const answer = useCallback((prompt: string, replyId: string, before: (list: ChatMessage[]) => ChatMessage[], userMessage?: ChatMessage) => {
    const script = replyFor(prompt)
    setMessages((list) => [...before(list), ...(userMessage ? [userMessage] : []), { id: replyId, role: 'assistant', text: '', status: 'streaming', kind: script.kind }])
    const tokens = script.text.match(/\S+\s*/g) ?? [script.text]
    let shown = 0
    const next = () => {
      shown++
      const done = shown >= tokens.length
      const partial = tokens.slice(0, shown).join('')
      setMessages((list) =>
        list.map((m) => {
          if (m.id !== replyId) return m
          if (!done) return { ...m, text: partial, status: 'streaming' }
          // What a server would attach: the model, the tokens of the whole prompt so far and of the reply, a trace id.
          const input_tokens = list.slice(0, list.indexOf(m)).reduce((sum, earlier) => sum + countTokens(earlier.text), 0)
          const output_tokens = countTokens(partial)
          const metadata: ReplyMetadata = { model: DEMO_MODEL, provider: 'simulated', input_tokens, output_tokens, total_tokens: input_tokens + output_tokens, finish_reason: 'stop', trace_id: 'trace-' + replyId }
          return { ...m, text: partial, status: 'complete', metadata }
        }),
      )
      if (!done) later(next, delay.current)
    }
    // A short "thinking" pause before the first token, as a model would take.
    later(next, delay.current * 4)
  }, [])

  const send = useCallback(
    (text: string) => {
      const n = ++turn.current
      answer(text, `a${n}`, (list) => list, { id: `u${n}`, role: 'user', text, status: 'complete', kind: 'text' })
    },
    [answer],
  )

  /** Another answer in place of a finished reply (a new id: the new reply is a message of its own). */
  const regenerate = useCallback(
    (replyId: string) => {
      const list = messagesRef.current
      const at = list.findIndex((m) => m.id === replyId)
      const prompt = list.slice(0, at).filter((m) => m.role === 'user').pop()
      if (at < 0 || !prompt) return
      answer(prompt.text, `a${++turn.current}`, (current) => current.slice(0, current.findIndex((m) => m.id === replyId)))
    },
    [answer],
  )

  /** The user's message rewritten: it and what followed are replaced by the new message and its answer. */
  const edit = useCallback(
    (messageId: string, text: string) => {
      const n = ++turn.current
      answer(text, `a${n}`, (current) => current.slice(0, current.findIndex((m) => m.id === messageId)), { id: `u${n}`, role: 'user', text, status: 'complete', kind: 'text' })
    },
    [answer],
  )

  const reset = useCallback(() => {
    stopAll()
    turn.current = 0
    setMessages([])
  }, [stopAll])

  const isStreaming = messages.some((m) => m.status === 'streaming')
  return { messages, send, regenerate, edit, reset, isStreaming }
}

export type SimulatedChat = ReturnType<typeof useSimulatedChat>
