import type { Properties } from '../core/types'

/**
 * What the browser can tell about where a message came from: `browser`, `device`, `pageUrl`,
 * `language`. Read at call time (never at import, so server rendering is safe); what cannot be told
 * is left out rather than guessed.
 */
export function browserContext(): Properties {
  const context: Properties = {}
  if (typeof navigator !== 'undefined') {
    const userAgent = navigator.userAgent || ''
    context.browser = browserName(userAgent)
    context.device = /iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent)
      ? 'tablet'
      : /Mobi|iPhone|iPod|Android/i.test(userAgent)
        ? 'mobile'
        : /Windows|Macintosh|Mac OS X|X11|CrOS|Linux/i.test(userAgent)
          ? 'desktop'
          : undefined
    context.language = navigator.language || undefined
  }
  if (typeof location !== 'undefined' && /^https?:$/.test(location.protocol)) {
    // Without query string or hash: those often carry tokens or e-mail addresses.
    context.pageUrl = location.origin + location.pathname
  }
  return context
}

// Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
]

function browserName(userAgent: string): string | undefined {
  for (const [pattern, name] of BROWSERS) if (pattern.test(userAgent)) return name
  return undefined
}
