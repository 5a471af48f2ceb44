import type { InputHTMLAttributes, ReactNode } from 'react'
import { ErrorList } from './error-list'

interface FieldProps {
  label: ReactNode
  /** Props from conform's getInputProps (id, name, aria-invalid, aria-describedby, ...). */
  inputProps: InputHTMLAttributes<HTMLInputElement> & { id: string }
  errors?: string[] | undefined
  help?: ReactNode
  className?: string
}

/** A labelled input with help text and its errors next to it (aria-describedby). */
export function Field({ label, inputProps, errors, help, className }: FieldProps) {
  const errorId = `${inputProps.id}-error`
  const helpId = help ? `${inputProps.id}-help` : undefined
  const describedBy = [helpId, errors?.length ? errorId : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={inputProps.id}>{label}</label>
      {help ? (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      <input {...inputProps} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} />
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
