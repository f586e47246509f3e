// The code blocks of the Next.js section of docs/frameworks.md, word for word, so that `npm run
// typecheck` checks them (test/readme/docExamples.test.ts keeps the two in step). Each region stands
// for a file of a Next.js app; the imports its file needs are at the top here. Never rendered: types
// only. test/nextjs is the same app for real, built and driven in Chromium by test/e2e/nextjs.test.ts.
import { Suspense } from 'react'
import { useChat } from '@ai-sdk/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import { DefaultChatTransport, type UIMessage } from 'ai'
import { CopilotAnalyticsProvider, useConversation, type AnalyticsClient } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { CopilotEventLog, createMemoryAnalytics, teeAnalytics } from '../../src/entries/devtools'

declare const loadChat: (id: string) => Promise<UIMessage[]>
declare const userId: string

// example: nextjsAnalytics
'use client'
// lib/analytics.ts. Next.js evaluates client modules during server rendering too: load Segment in
// the browser only. On the server the provider gets no client, so it sends nothing.
export const showEventLog = process.env.NODE_ENV !== 'production' || process.env.NEXT_PUBLIC_EVENT_LOG === '1'
export const recorder = createMemoryAnalytics()

function load(): AnalyticsClient {
  const segment = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY! })
  return showEventLog ? teeAnalytics(segment, recorder) : segment
}

export const analytics = typeof window === 'undefined' ? undefined : load()

// example: nextjsPage
// app/chat/[id]/page.tsx, a Server Component: it loads the saved chat by the id in the URL, so a
// reload, another tab or another device opens the same conversation.
export default function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  return (
    <Suspense fallback={<p>Loading the chat…</p>}>
      <SavedChat params={params} />
    </Suspense>
  )
}

async function SavedChat({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return <ChatApp id={id} initialMessages={await loadChat(id)} />
}

// example: nextjsChat
'use client'
// components/ChatApp.tsx: the provider, useChat and the tracking, in a client component.
const transport = new DefaultChatTransport({ api: '/api/chat' })

export function ChatApp({ id, initialMessages }: { id: string; initialMessages: UIMessage[] }) {
  // One id for both: useChat's chat and the analytics conversation.
  return (
    <CopilotAnalyticsProvider analytics={analytics} conversationId={id} userId={userId}>
      <Chat id={id} initialMessages={initialMessages} />
    </CopilotAnalyticsProvider>
  )
}

function Chat({ id, initialMessages }: { id: string; initialMessages: UIMessage[] }) {
  const chat = useChat({ id, messages: initialMessages, transport })
  useChatTracking(chat) // the saved messages are history: counted, nothing sent
  const { messageCount } = useConversation()
  return (
    <main>
      {chat.messages.map((m) => (
        <p key={m.id}>{m.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')}</p>
      ))}
      <button onClick={() => chat.sendMessage({ text: 'Hello' })}>Send</button>
      <p>{messageCount} messages</p>
    </main>
  )
}

// example: nextjsEventLog
'use client'
// components/EventLog.tsx, rendered by the root layout (app/layout.tsx) after {children}.
export function EventLog() {
  return showEventLog ? <CopilotEventLog recorder={recorder} /> : null
}
