import { Children, isValidElement, type ReactNode } from 'react'

/** The visible text of a React node: what a message body element would read as. */
export function textOf(node: ReactNode): string {
  return Children.toArray(node)
    .map((child) => (isValidElement<{ children?: ReactNode }>(child) ? textOf(child.props.children) : String(child)))
    .join('')
}
