import { randomId } from '../core/randomId'

const KEY = 'react-copilot-analytics:session'
let memory: string | undefined

/**
 * An id kept for the life of the browser tab: it survives reloads (sessionStorage) and is new in a new
 * tab. Read lazily, never at import time, so that server rendering does not touch storage.
 */
export function tabSessionId(): string {
  try {
    const saved = sessionStorage.getItem(KEY)
    if (saved) return saved
    const id = memory ?? randomId()
    sessionStorage.setItem(KEY, id)
    return (memory = id)
  } catch {
    // No sessionStorage (a server, a sandboxed iframe, privacy mode): one id for this page's life.
    return (memory ??= randomId())
  }
}
