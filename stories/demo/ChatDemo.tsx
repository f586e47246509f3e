import { useState } from 'react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { ChatView } from './ChatView'
import { freshId, type DemoAnalytics } from './demoAnalytics'
import { useSimulatedChat } from './useSimulatedChat'

export interface ChatDemoProps {
  demo: DemoAnalytics
  conversationId: string
  title?: string
  tokenDelayMs?: number
  /** Show the LLM signals: reply metadata, copy, regenerate, edit, feedback reasons and comments. */
  signals?: boolean
}

/** A chat with its own conversation; "New chat" after "End chat" starts the next one. */
export function ChatDemo({ demo, conversationId: first, title, tokenDelayMs, signals }: ChatDemoProps) {
  const chat = useSimulatedChat({ tokenDelayMs })
  const [conversationId, setConversationId] = useState(first)
  return (
    <CopilotAnalyticsProvider analytics={demo.analytics} conversationId={conversationId} userId="demo-user" traits={{ plan: 'demo' }}>
      <ChatView
        chat={chat}
        title={title}
        live={demo.live}
        signals={signals}
        onNewChat={() => {
          chat.reset()
          setConversationId(freshId('conv'))
        }}
      />
    </CopilotAnalyticsProvider>
  )
}
