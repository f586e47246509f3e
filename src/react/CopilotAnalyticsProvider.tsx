import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { createMemoryAnalytics } from '../core/memoryAnalytics'
import { createTrackerBase } from '../core/tracker'
import type { CopilotAnalyticsError } from '../core/errors'
import type { AnalyticsClient, CopilotSpec, Properties } from '../core/types'
import { randomId } from '../core/randomId'
import { CopilotAnalyticsContext } from './context'

export interface CopilotAnalyticsProviderProps {
  /** `AnalyticsBrowser`, `window.analytics` or any client with track/identify. Default: an in-memory recorder (nothing leaves the page). */
  analytics?: AnalyticsClient
  /** Default: a generated UUID, stable for the provider's life. */
  conversationId?: string
  /** Identify is sent once per distinct userId (or anonymousId when there is no userId). */
  userId?: string | null
  anonymousId?: string | null
  traits?: Properties
  /** Merged into every track call, e.g. `{ assistantId: 'support-bot' }`. */
  properties?: Properties
  /** Screeb's `session_id`. Default: an id kept for the browser tab (sessionStorage). */
  sessionId?: string
  /** The vocabulary; default Segment AI Copilot. An array fans out to each. */
  spec?: CopilotSpec | readonly CopilotSpec[]
  /** Send Conversation Ended when the provider unmounts. Default false. */
  endOnUnmount?: boolean
  /** Send Conversation Ended when the page is hidden for good (tab closed, navigation). Default false. */
  endOnPageHide?: boolean
  /** Bad input and client failures. Default: console.warn in development, silent in production. */
  onError?: (error: CopilotAnalyticsError) => void
  children?: ReactNode
}

/**
 * Wrap your chat UI in it: every hook and tracked component below reports through it.
 *
 * @example
 * import { AnalyticsBrowser } from '@segment/analytics-next'
 * const analytics = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })
 *
 * <CopilotAnalyticsProvider analytics={analytics} userId={user.id} properties={{ assistantId: 'support-bot' }}>
 *   <Chat />
 * </CopilotAnalyticsProvider>
 */
export function CopilotAnalyticsProvider(props: CopilotAnalyticsProviderProps) {
  const recorder = useRef<AnalyticsClient>(null)
  const [generatedId] = useState(randomId)
  const conversationId = props.conversationId || generatedId
  // Every prop is handed over: the tracker reads only the options it knows.
  const options = { ...props, analytics: props.analytics ?? (recorder.current ??= createMemoryAnalytics()) }
  const [tracker] = useState(() => createTrackerBase(options))
  // The latest props, read when an event is sent (react-tracking's pattern): unmemoised
  // objects such as `properties` or `onError` never re-run an effect.
  tracker.configure(options)

  useEffect(() => tracker.syncIdentity(), [tracker, props.userId, props.anonymousId])

  const mountedId = useRef<string | null>(null)
  const { endOnUnmount, endOnPageHide } = props
  useEffect(() => {
    mountedId.current = conversationId
    const end = () => tracker.end(conversationId)
    if (endOnPageHide) addEventListener('pagehide', end, true)
    return () => {
      mountedId.current = null
      removeEventListener('pagehide', end, true)
      // StrictMode unmounts and remounts at once (so does a change of these props): only end if
      // nothing came back by the next microtask.
      if (endOnUnmount) queueMicrotask(() => mountedId.current !== conversationId && end())
    }
  }, [tracker, conversationId, endOnUnmount, endOnPageHide])

  const value = useMemo(() => ({ tracker, conversationId }), [tracker, conversationId])
  return <CopilotAnalyticsContext.Provider value={value}>{props.children}</CopilotAnalyticsContext.Provider>
}
