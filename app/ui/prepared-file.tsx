import { Form, useLocation, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import type { PreparedFileState } from '~/domain/jobs/prepared-file'

/*
 * A file made in the background (issue 24, ADR 0029): a button asks for it, then "Preparing…" with
 * the job's progress (the page re-reads it every 1.5 s while JavaScript runs; a Refresh link
 * otherwise), then the download link, or the error with "Try again".
 */

export type { PreparedFileState }

function sizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/**
 * The note after a file was asked for: its words while any of the page's files is being prepared,
 * then (once the page has re-read the finished job) that it has finished, never "being prepared"
 * beside a link that is ready.
 */
export function fileRequestedNote(files: ReadonlyArray<PreparedFileState | null | undefined>, words: { preparing: string; finished: string }): string {
  return files.some((file) => file?.state === 'preparing') ? words.preparing : words.finished
}

/** Re-reads the page's data while any of its files is being prepared. */
export function useRefreshWhilePreparing(files: ReadonlyArray<PreparedFileState | null | undefined>) {
  const revalidator = useRevalidator()
  const preparing = files.some((file) => file?.state === 'preparing')
  useEffect(() => {
    if (!preparing) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 1_500)
    return () => clearInterval(timer)
  }, [preparing, revalidator])
}

export function PreparedFile({
  file,
  label,
  downloadHref,
  formAction,
  intent,
  canPrepareAgain = false,
}: {
  file: PreparedFileState
  /** What the file is: "Statement (PDF)". */
  label: string
  downloadHref: string
  /** Where the request goes (POST), and its intent field if the action takes one. */
  formAction?: string
  intent?: string
  /** Live data (an export): once ready, offer to prepare a fresh one. */
  canPrepareAgain?: boolean
}) {
  const location = useLocation()
  const button = (words: string) => (
    <Form method="post" action={formAction} className="inline-form">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <button type="submit" className="button">
        {words}
        <span className="visually-hidden"> ({label})</span>
      </button>
    </Form>
  )
  switch (file.state) {
    case 'none':
      return (
        <span className="prepared-file">
          {label}: {button('Prepare')}
        </span>
      )
    case 'preparing':
      return (
        <span className="prepared-file" role="status">
          {label}: Preparing… {file.progress} <a href={`${location.pathname}${location.search}`}>Refresh</a>
        </span>
      )
    case 'ready':
      return (
        <span className="prepared-file">
          <a href={downloadHref} download={file.fileName}>
            Download {label}
          </a>{' '}
          <span className="muted small">
            ({sizeWords(file.sizeBytes)}, prepared {file.createdAt.slice(0, 16).replace('T', ' ')} UTC)
          </span>
          {canPrepareAgain ? <> {button('Prepare again')}</> : null}
        </span>
      )
    case 'failed':
      return (
        <span className="prepared-file">
          <span role="alert" className="error-text">
            {label}: {file.error}
          </span>{' '}
          {button('Try again')}
        </span>
      )
  }
}
