import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { NewOrganizationSchema } from '~/forms/onboarding'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'

/** The platform admin creates an employer, broker firm or health system and invites its first admin (issue 22). */
export function NewOrganizationForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useForm({
    id: 'new-organization',
    lastResult,
    constraint: getZodConstraint(NewOrganizationSchema),
    shouldValidate: 'onBlur',
    defaultValue: { kind: 'employer' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewOrganizationSchema }),
  })
  return (
    <section aria-labelledby="new-organization-heading">
      <h2 id="new-organization-heading">Add an organization</h2>
      <p>Its first admin gets an e-mail with a one-time link (valid 72 hours) to choose a password.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.kind.id}>Kind</label>
          <select {...getSelectProps(fields.kind)} aria-describedby={fields.kind.errors?.length ? `${fields.kind.id}-error` : undefined}>
            <option value="employer">Employer</option>
            <option value="broker">Broker firm</option>
            <option value="health_system">Health system</option>
            <option value="coalition">Coalition</option>
          </select>
          <ErrorList id={`${fields.kind.id}-error`} errors={fields.kind.errors} />
        </div>
        <Field label="Name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
        <Field
          label="Code"
          help="3 to 20 letters, digits or dashes. An employer's members type it when they sign up."
          inputProps={{ ...getInputProps(fields.code, { type: 'text' }), autoCapitalize: 'characters' }}
          errors={fields.code.errors}
        />
        <Field label="First admin's e-mail" inputProps={{ ...getInputProps(fields.adminEmail, { type: 'email' }), autoComplete: 'off' }} errors={fields.adminEmail.errors} />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Create and send the invitation
          </button>
        </div>
      </Form>
    </section>
  )
}
