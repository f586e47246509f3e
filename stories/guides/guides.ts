/**
 * The guides of docs/, shown in Storybook under "Guides" (one MDX page each, rendering the Markdown
 * file itself so that the two never disagree). Storybook ids come from the titles:
 * "Guides/Exactly once" is the page `guides-exactly-once--docs`.
 */
export const GUIDES: Record<string, string> = {
  'exactly-once.md': 'Exactly once',
  'frameworks.md': 'Frameworks',
  'response-time.md': 'Response-time metrics',
  'llm-signals.md': 'LLM signals',
  'vocabularies.md': 'Vocabularies',
  'privacy-and-consent.md': 'Privacy and consent',
  'delivery.md': 'Delivery',
  'server.md': 'The tracker on the server',
  'devtools.md': 'Event log and demos',
  'testing.md': 'Testing your app',
  'performance.md': 'Performance',
  'error-codes.md': 'Error codes',
  'api.md': 'API reference',
  'development.md': 'Development',
}

const idOf = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

/** The manager URL of a docs page, relative to the preview iframe (works served at any path). */
export const pageUrl = (title: string, anchor = '') => `./?path=/docs/${idOf(title)}--docs${anchor ? '#' + anchor : ''}`

/** Where a link of a guide leads inside Storybook: another guide, the introduction, or nowhere (null). */
export function storybookHref(href: string): string | null {
  if (/^[a-z]+:/.test(href)) return href
  const [path, anchor] = href.split('#')
  if (path === '../README.md') return pageUrl('Introduction')
  const title = GUIDES[path.replace(/^\.\//, '')]
  if (title) return pageUrl('Guides/' + title, anchor)
  return path ? null : '#' + anchor
}
