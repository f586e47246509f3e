import type { Properties } from '../core/types'

/**
 * What the browser can tell about where a message came from: `browser`, `device`, `pageUrl`,
 * `language`. Read at call time (never at import, so server rendering is safe); what cannot be told
 * is left out rather than guessed.
 */
export function browserContext(): Properties {
  const out: Properties = {}
  if (typeof navigator !== 'undefined') {
    const ua = navigator.userAgent || ''
    out.browser = browserName(ua)
    out.device = /iPad|Tablet|Android(?!.*Mobile)/i.test(ua)
      ? 'tablet'
      : /Mobi|iPhone|iPod|Android/i.test(ua)
        ? 'mobile'
        : /Windows|Macintosh|Mac OS X|X11|CrOS|Linux/i.test(ua)
          ? 'desktop'
          : undefined
    out.language = navigator.language || undefined
  }
  if (typeof location !== 'undefined' && /^https?:$/.test(location.protocol)) {
    // Without query string or hash: those often carry tokens or e-mail addresses.
    out.pageUrl = location.origin + location.pathname
  }
  return out
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

function browserName(ua: string): string | undefined {
  for (const [pattern, name] of BROWSERS) if (pattern.test(ua)) return name
  return undefined
}
