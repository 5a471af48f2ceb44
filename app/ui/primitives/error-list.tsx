export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | undefined }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="error-list">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  )
}
