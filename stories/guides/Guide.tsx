import type { AnchorHTMLAttributes, HTMLAttributes } from 'react'
import { storybookHref } from './guides'

/**
 * A link of a guide: another guide opens in Storybook (the whole window, as the sidebar does), the
 * web opens in a new tab, a file of the repository that Storybook does not show is plain text.
 */
function GuideLink({ href = '', children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  const target = storybookHref(href)
  if (target === null) return <>{children}</>
  if (target.startsWith('#'))
    return (
      <a href={target} {...props}>
        {children}
      </a>
    )
  const external = /^[a-z]+:/.test(target)
  return (
    <a href={target} target={external ? '_blank' : '_top'} rel={external ? 'noreferrer' : undefined} {...props}>
      {children}
    </a>
  )
}

/** A code block, set apart from the text as on GitHub. */
function GuideCode(props: HTMLAttributes<HTMLPreElement>) {
  return <pre {...props} style={{ background: '#f6f8fa', border: '1px solid #e5e7eb', borderRadius: 6, padding: 12, overflowX: 'auto', fontSize: 13, lineHeight: 1.45 }} />
}

/** Options for Storybook's `<Markdown>` block that renders each guide from its file (see the MDX pages). */
export const guideOptions = { overrides: { a: GuideLink, pre: GuideCode } }
