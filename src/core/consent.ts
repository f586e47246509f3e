import type { CopilotAnalyticsErrorCode } from './errors'

/**
 * Whether analytics may be sent: `true` granted, `false` denied, `null` not decided yet, or a
 * function returning one of those or a promise of one (undecided until it settles).
 */
export type Consent = boolean | null | (() => boolean | null | PromiseLike<boolean | null>)

/** How many calls may wait for a decision; later ones are discarded (reported once). */
export const CONSENT_QUEUE_LIMIT = 1000

type Report = (code: CopilotAnalyticsErrorCode, subject: string, got: unknown) => void

export interface ConsentGate {
  /** Takes the current `consent` option; the same value again does nothing. */
  update(consent: Consent, report: Report): void
  /** Sends now when granted, queues while undecided, drops when denied. */
  hold(send: () => void, report: Report): void
}

// One gate per key store (by default one per page), like the exactly-once keys: calls queued by a
// provider that remounts before the decision are neither lost nor sent twice.
const gates = new WeakMap<object, ConsentGate>()

export function consentGate(owner: object): ConsentGate {
  let gate = gates.get(owner)
  if (!gate) gates.set(owner, (gate = createConsentGate()))
  return gate
}

function createConsentGate(): ConsentGate {
  let decision: boolean | null = true
  let source: unknown = true
  let queue: (() => void)[] = []
  let round = 0
  let full = false
  let evaluate: (() => void) | undefined

  const decide = (value: unknown) => {
    decision = value === null ? null : value === true
    full = false
    if (decision !== null) queue.splice(0).forEach((send) => decision && send())
  }

  return {
    update(consent, report) {
      if (consent === source) return
      source = consent
      const mine = ++round
      const failed = (error: unknown) => {
        report('consent_error', 'The consent prop', error)
        decide(false)
      }
      evaluate = () => {
        evaluate = undefined
        try {
          const result = typeof consent == 'function' ? consent() : consent
          if (result && typeof (result as PromiseLike<unknown>).then == 'function') {
            // Until it settles the previous decision stands; only the latest call counts.
            ;(result as PromiseLike<unknown>).then(
              (value) => mine == round && decide(value),
              (error) => mine == round && failed(error),
            )
          } else decide(result)
        } catch (error) {
          failed(error)
        }
      }
      // A function is called only once there is something to send: never during server rendering.
      if (typeof consent != 'function' || queue.length) evaluate()
      else if (mine == 1) decision = null
    },
    hold(send, report) {
      evaluate?.()
      if (decision) send()
      else if (decision === null && queue.push(send) > CONSENT_QUEUE_LIMIT) {
        queue.pop()
        if (!full) (full = true), report('consent_queue_full', 'The consent queue', CONSENT_QUEUE_LIMIT)
      }
    },
  }
}
