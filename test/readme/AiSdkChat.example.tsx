'use client'
import { useChat } from '@ai-sdk/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import type { UIMessage } from 'ai'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'

const analytics = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })

interface ChatProps {
  /** Your saved chat's id (from the URL or your database): the same every time this chat is opened. */
  chatId: string
  /** The chat's saved messages; tracking treats them as history and sends nothing for them. */
  savedMessages: UIMessage[]
}

// One id for both: useChat's chat and the analytics conversation. A reload (or a remount) then
// continues the same conversation: no second Conversation Started, nothing sent twice.
export const ChatPage = ({ chatId, savedMessages }: ChatProps) => (
  <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId}>
    <Chat chatId={chatId} savedMessages={savedMessages} />
  </CopilotAnalyticsProvider>
)

function Chat({ chatId, savedMessages }: ChatProps) {
  const chat = useChat({ id: chatId, messages: savedMessages })
  useChatTracking(chat) // <- the one line
  return (
    <>
      {chat.messages.map((m) => (
        <p key={m.id}>{m.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}</p>
      ))}
      <button onClick={() => chat.sendMessage({ text: 'Hello' })}>Send</button>
    </>
  )
}
