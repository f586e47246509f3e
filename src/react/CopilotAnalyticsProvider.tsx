import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { createMemoryAnalytics } from '../core/memoryAnalytics'
import { createTrackerBase } from '../core/tracker'
import type { CopilotAnalyticsError } from '../core/errors'
import type { AnalyticsClient, CopilotSpec, Properties } from '../core/types'
import type { PrivacyOptions } from '../core/privacy'
import type { Consent } from '../core/consent'
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
  /** The vocabulary; default Segment AI Copilot. An array fans out to each. */
  spec?: CopilotSpec | readonly CopilotSpec[]
  /** Send Conversation Ended when the provider unmounts. Default false. */
  endOnUnmount?: boolean
  /** Send Conversation Ended when the page is hidden for good (tab closed, navigation). Default false. */
  endOnPageHide?: boolean
  /**
   * What may leave the page: `captureBodies` (default true), `redact(text, field)` applied to every
   * string property (e.g. the built-in `redactPII`), `maxBodyBytes` (default 16 KB).
   */
  privacy?: PrivacyOptions
  /**
   * `true` (the default) sends; `null` (undecided) queues in memory, in order; `false` sends nothing and
   * discards the queue. A function is called when the prop changes and may return a promise: pending until it settles.
   */
  consent?: Consent
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
  const given: unknown = props.conversationId
  // An id that is not a string would collide in the exactly-once keys ("[object Object]") or throw (a Symbol).
  const valid = typeof given == 'string' || typeof given == 'number'
  const conversationId = (valid && '' + given) || generatedId
  // Every prop is handed over: the tracker reads only the options it knows.
  const options = { ...props, analytics: props.analytics ?? (recorder.current ??= createMemoryAnalytics()) }
  const [tracker] = useState(() => createTrackerBase(options))
  // The latest props, read when an event is sent (react-tracking's pattern): unmemoised
  // objects such as `properties` or `onError` never re-run an effect.
  tracker.configure(options)

  useEffect(() => tracker.syncIdentity(), [tracker, props.userId, props.anonymousId])
  useEffect(() => {
    if (!valid && given != null) tracker.report('invalid_id', `conversationId must be a string, not ${typeof given}: a generated id is used`)
  }, [tracker, given])

  const mountedId = useRef<string | null>(null)
  const endOnUnmount = useRef(props.endOnUnmount)
  endOnUnmount.current = props.endOnUnmount
  useEffect(() => {
    mountedId.current = conversationId
    return () => {
      mountedId.current = null
      // StrictMode unmounts and remounts at once: only end if nothing came back by the next microtask.
      if (endOnUnmount.current) queueMicrotask(() => mountedId.current !== conversationId && tracker.end(conversationId))
    }
  }, [tracker, conversationId])

  useEffect(() => {
    if (!props.endOnPageHide) return
    const onPageHide = () => tracker.end(conversationId)
    addEventListener('pagehide', onPageHide, true)
    return () => removeEventListener('pagehide', onPageHide, true)
  }, [tracker, conversationId, props.endOnPageHide])

  const value = useMemo(() => ({ tracker, conversationId }), [tracker, conversationId])
  return <CopilotAnalyticsContext.Provider value={value}>{props.children}</CopilotAnalyticsContext.Provider>
}
