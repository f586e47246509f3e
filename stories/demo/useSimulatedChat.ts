import { useCallback, useEffect, useRef, useState } from 'react'

/** What the simulated copilot attaches to a reply. */
export type ReplyKind = 'text' | 'stock' | 'image' | 'tool'

export interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
  status: 'streaming' | 'complete'
  kind: ReplyKind
}

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

  const send = useCallback((text: string) => {
    const n = ++turn.current
    const script = replyFor(text)
    const replyId = `a${n}`
    setMessages((list) => [
      ...list,
      { id: `u${n}`, role: 'user', text, status: 'complete', kind: 'text' },
      { id: replyId, role: 'assistant', text: '', status: 'streaming', kind: script.kind },
    ])
    const tokens = script.text.match(/\S+\s*/g) ?? [script.text]
    let shown = 0
    const next = () => {
      shown++
      const done = shown >= tokens.length
      const partial = tokens.slice(0, shown).join('')
      setMessages((list) => list.map((m) => (m.id === replyId ? { ...m, text: partial, status: done ? 'complete' : 'streaming' } : m)))
      if (!done) later(next, delay.current)
    }
    // A short "thinking" pause before the first token, as a model would take.
    later(next, delay.current * 4)
  }, [])

  const reset = useCallback(() => {
    stopAll()
    turn.current = 0
    setMessages([])
  }, [stopAll])

  const isStreaming = messages.some((m) => m.status === 'streaming')
  return { messages, send, reset, isStreaming }
}

export type SimulatedChat = ReturnType<typeof useSimulatedChat>
