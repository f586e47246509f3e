// The code blocks of the assistant-ui section of docs/frameworks.md, word for word, so that `npm run
// typecheck` checks them (test/readme/docExamples.test.ts keeps the two in step). Never rendered:
// types only. test/assistant-ui runs the same integration on the real runtime.
import type { ReactNode } from 'react'
import { AssistantRuntimeProvider, useLocalRuntime, type ChatModelAdapter } from '@assistant-ui/react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useAssistantTracking, useTrackedFeedbackAdapter } from '../../src/entries/assistant-ui'
import { analytics } from './analytics'

declare const model: ChatModelAdapter
declare const threadId: string
declare const Thread: () => ReactNode
declare const saveRating: (messageId: string, type: 'positive' | 'negative') => void

// example: assistantUiChat
function Runtime({ children }: { children: ReactNode }) {
  const feedback = useTrackedFeedbackAdapter() // assistant-ui's thumbs send Feedback Submitted
  const runtime = useLocalRuntime(model, { adapters: { feedback } })
  return <AssistantRuntimeProvider runtime={runtime}>{children}</AssistantRuntimeProvider>
}

function Tracking() {
  useAssistantTracking() // <- the one line
  return null
}

export const App = () => (
  <CopilotAnalyticsProvider analytics={analytics} conversationId={threadId}>
    <Runtime>
      <Tracking />
      <Thread />
    </Runtime>
  </CopilotAnalyticsProvider>
)

export function OwnFeedbackAdapter() {
// example: assistantUiFeedback
const feedback = useTrackedFeedbackAdapter({ submit: ({ message, type }) => saveRating(message.id, type) })
  return feedback
}
