interface Inclusion {
  programs: ReadonlyArray<{ programId: string; programName: string; employerName: string; version: number }>
  contracts: ReadonlyArray<{ id: string; title: string; purchaserName: string; version: number }>
}

/** Why an offer's facility and procedure are locked (under a signed contract), or null. */
export function lockedReasonOf(inclusion: Inclusion): string | null {
  const contract = inclusion.contracts[0]
  return contract
    ? `This offer is under contract with ${contract.purchaserName} (${contract.title}): its facility and procedure cannot change. Create a new offer for another facility or procedure. The TIN and NPI can still be entered or corrected: they identify the provider, they are not part of the price.`
    : null
}

/** Which employers' programs and which contracts include an offer (issue 22). */
export function OfferInclusion({ programs, contracts }: Inclusion) {
  return (
    <section className="card" aria-labelledby="inclusion-heading">
      <h2 id="inclusion-heading">Where this offer is included</h2>
      <h3>Employers' programs</h3>
      {programs.length === 0 ? (
        <p className="empty">No published program includes this offer.</p>
      ) : (
        <ul>
          {programs.map((p) => (
            <li key={`${p.programId}-${p.version}`}>
              {p.employerName}: {p.programName} (version {p.version})
            </li>
          ))}
        </ul>
      )}
      <h3>Contracts</h3>
      {contracts.length === 0 ? (
        <p className="empty">No signed contract covers this offer.</p>
      ) : (
        <ul>
          {contracts.map((c) => (
            <li key={c.id}>
              <a href={`/center/contracts/${c.id}`}>{c.title}</a> with {c.purchaserName} (signed version {c.version})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
