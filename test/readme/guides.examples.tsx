// The short code blocks of the guides in docs/, word for word, so that `npm run typecheck` checks
// them. Each follows a `// example: name` line naming the `<!-- example: name -->` marker above its
// block (test/readme/docExamples.test.ts keeps the two in step). Never rendered: types only.
// Longer examples are whole files of their own (*.example.tsx).
import { CopilotAnalyticsProvider, TrackedMessage, useActionTracking, type AnalyticsClient } from '../../src/entries'
import { analytics } from './analytics'
import { Chat } from './Chat'

declare const m: { id: string; role: 'user' | 'assistant'; text: string; done: boolean }
declare const messageId: string
declare const chatId: string
declare const saved: { id: string; role: 'user' | 'assistant'; text: string }[]
declare const withOneTrust: (client: AnalyticsClient) => AnalyticsClient
declare global {
  interface Window {
    OptanonWrapper?: () => void
    OneTrust: { IsAlertBoxClosed(): boolean }
    OnetrustActiveGroups: string
  }
}

export function HistoryFlag() {
  return (
// example: historyFlag
<ol>
  {saved.map((m) => (
    <TrackedMessage key={m.id} as="li" id={m.id} role={m.role} body={m.text} history />
  ))}
</ol>
  )
}

export function EndOnPageHide() {
  return (
// example: endOnPageHide
<CopilotAnalyticsProvider analytics={analytics} conversationId={chatId} endOnPageHide>
  <Chat />
</CopilotAnalyticsProvider>
  )
}
export function LiveChatAgent() {
  return (
// example: liveChatAgent
<TrackedMessage id={m.id} role="agent" body={m.text} agent={{ id: 'bce89acdd11901', name: 'Peter Gibbons', username: 'pgibbons' }} />
  )
}

export function WatsonxActions() {
// example: watsonxActions
const actions = useActionTracking()
const handle = actions.start({ type: 'action', action: 'action_202', title: 'I want to pay my bill', messageId })
// ... later
handle.complete({ reason: 'all_steps_done' }) // Action Completed { actionCompletedReason }
actions.track({ type: 'action', action: 'action_7' }) // one-shot: Action Started then Action Completed
}

export function ResponseTime() {
  return (
// example: responseTime
<TrackedMessage id={m.id} role="assistant" body={m.text} status={m.done ? 'complete' : 'streaming'} />
// e.g. Message Received { ..., time_to_first_token_ms: 412, response_time_ms: 2390 }
  )
}

// example: oneTrust
// Resolves once the visitor has chosen; OneTrust calls OptanonWrapper after loading and after each choice.
const analyticsConsent = new Promise<boolean>((resolve) => {
  window.OptanonWrapper = () => window.OneTrust.IsAlertBoxClosed() && resolve(window.OnetrustActiveGroups.includes('C0002'))
})
const consent = () => analyticsConsent // module level: one stable function

export const OneTrustChat = () => (
  <CopilotAnalyticsProvider analytics={withOneTrust(analytics)} consent={consent}>
    <Chat />
  </CopilotAnalyticsProvider>
)
