import { act, waitFor } from '@testing-library/react'
import { expect } from 'vitest'
import { Chat } from '@ai-sdk/react'
import type { ChatTransport, UIMessage, UIMessageChunk } from 'ai'

/** One scripted reply: the chunks a server would stream, in order; `wait` pauses until released. */
export type Step = UIMessageChunk | { wait: Promise<unknown> } | { throws: Error }

/**
 * A ChatTransport with no network: each request streams the next scripted reply as UI message
 * chunks, as `toUIMessageStreamResponse()` would, and honours the abort signal like fetch does.
 */
export function mockTransport(
  replies: Step[][] | ((messages: UIMessage[]) => Step[]),
  { delayMs = 0 }: { delayMs?: number } = {},
): ChatTransport<UIMessage> & { requests: number } {
  const transport = {
    requests: 0,
    async sendMessages({ abortSignal, messages }: { abortSignal: AbortSignal | undefined; messages: UIMessage[] }) {
      const steps = (typeof replies === 'function' ? replies(messages) : replies[transport.requests]) ?? []
      transport.requests++
      return new ReadableStream<UIMessageChunk>({
        async start(controller) {
          const aborted = () => abortSignal?.aborted
          for (const step of steps) {
            if (aborted()) break
            if ('wait' in step) {
              await Promise.race([step.wait, new Promise((resolve) => abortSignal?.addEventListener('abort', resolve))])
              continue
            }
            if ('throws' in step) {
              controller.error(step.throws)
              return
            }
            controller.enqueue(step)
            // One chunk per task, as a network stream would deliver them.
            await new Promise((resolve) => setTimeout(resolve, delayMs))
          }
          if (!aborted()) controller.close()
        },
      })
    },
    async reconnectToStream() {
      return null
    },
  }
  return transport
}

/** A promise with its resolve, to hold a stream at a point until the test releases it. */
export function gate() {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

export const textReply = (id: string, ...deltas: string[]): UIMessageChunk[] => [
  { type: 'text-start', id },
  ...deltas.map((delta): UIMessageChunk => ({ type: 'text-delta', id, delta })),
  { type: 'text-end', id },
]

/**
 * Sends a message and waits until its request is over, letting React render each step as it does
 * in an app. (On React 18, a whole exchange inside one `await act(...)` renders only its end state:
 * a message list that grew while no request was seen, which no tracker can tell from history
 * loaded with `setMessages`.)
 */
export async function sendAndWait(chat: () => { messages: readonly unknown[]; status: string; sendMessage(message: { text: string }): Promise<void> }, text: string) {
  const before = chat().messages.length
  act(() => void chat().sendMessage({ text }))
  await waitFor(() => {
    expect(chat().messages.length).toBeGreaterThan(before)
    expect(['ready', 'error']).toContain(chat().status)
  })
}

/**
 * Whether `regenerate()` continues the assistant message left before the one it replaces (the SDK's
 * stale copy of a reply whose text came before its `start` chunk) instead of starting a new message:
 * AI SDK 5 does, so the regenerated reply shows that copy's text first; 6 and later do not. Asked of
 * the real Chat, so that the tests expect what the chat shows on whichever major they run.
 */
export async function regenerateContinuesEarlierReply(): Promise<boolean> {
  const chat = new Chat<UIMessage>({
    transport: mockTransport([[{ type: 'start', messageId: 'new' }, ...textReply('t', 'new'), { type: 'finish' }]]),
    messages: [
      { id: 'q', role: 'user', parts: [{ type: 'text', text: 'question' }] },
      { id: 'stale', role: 'assistant', parts: [{ type: 'text', text: 'earlier', state: 'done' }] },
      { id: 'old', role: 'assistant', parts: [{ type: 'text', text: 'old', state: 'done' }] },
    ],
  })
  await chat.regenerate()
  const reply = chat.messages.at(-1)!
  if (reply.id !== 'new') throw new Error('regenerate() probe: unexpected messages ' + JSON.stringify(chat.messages))
  return reply.parts.some((part) => part.type === 'text' && part.text === 'earlier')
}
