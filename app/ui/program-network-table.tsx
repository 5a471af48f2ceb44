import { Link } from "@remix-run/react";
import { formatCents } from "~/domain/money";
import { OfferLabels } from "./offer-labels";
import { TableWrap } from "./table-wrap";

export interface NetworkRowView {
  offerId: string;
  facilityId: string;
  facilityName: string;
  city: string;
  state: string;
  starRating: number | null;
  procedureCode: string;
  procedureName: string;
  bundlePriceCents: number;
  isDemo: boolean | number;
  inactiveSince: string | null;
}

/** A contract in force that backs an offer (issue 21): its facility is in the signed network with a rate for the procedure. */
export interface ContractBackingView {
  contractId: string;
  title: string;
  version: number;
  rateCents: number;
  differsFromProgram: boolean;
}

/**
 * The offers in a program version's network (employer and broker pages). With `contractBacking`
 * (the employer's own page), a column says which contract backs each offer.
 */
export function ProgramNetworkTable({
  network,
  contractBacking,
}: {
  network: readonly NetworkRowView[];
  contractBacking?: Readonly<Record<string, readonly ContractBackingView[]>>;
}) {
  if (network.length === 0)
    return <p className="empty">No centers in the network yet.</p>;
  const unlisted = new Set(
    network.filter((row) => row.inactiveSince).map((row) => row.facilityId)
  ).size;
  return (
    <>
      {unlisted > 0 ? (
        <p className="card problems" role="note">
          {unlisted === 1
            ? "1 center in this network is at a hospital"
            : `${unlisted} centers in this network are at hospitals`}{" "}
          that CMS&apos;s latest release no longer lists: members no longer find{" "}
          {unlisted === 1 ? "it" : "them"} in their search, and cases already
          there go on. Leave {unlisted === 1 ? "it" : "them"} out of the next
          version.
        </p>
      ) : null}
      <TableWrap label="Centers in the network">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Center</th>
              <th scope="col">Procedure</th>
              <th scope="col">Location</th>
              <th scope="col" className="num">
                CMS stars
              </th>
              <th scope="col" className="num">
                Bundled price
              </th>
              {contractBacking ? <th scope="col">Contract</th> : null}
            </tr>
          </thead>
          <tbody>
            {network.map((row) => (
              <tr key={row.offerId}>
                <th scope="row">
                  <Link to={`/facilities/${row.facilityId}`}>
                    {row.facilityName}
                  </Link>
                  <OfferLabels
                    isDemo={row.isDemo}
                    inactiveSince={row.inactiveSince}
                  />
                </th>
                <td>{row.procedureName}</td>
                <td>
                  {row.city}, {row.state}
                </td>
                <td className="num">{row.starRating ?? "Not rated"}</td>
                <td className="num">
                  {formatCents(row.bundlePriceCents, { wholeDollars: true })}
                </td>
                {contractBacking ? (
                  <td>
                    <ContractBackingCell
                      backing={contractBacking[row.offerId] ?? []}
                      bundlePriceCents={row.bundlePriceCents}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function ContractBackingCell({
  backing,
  bundlePriceCents,
}: {
  backing: readonly ContractBackingView[];
  bundlePriceCents: number;
}) {
  if (backing.length === 0) return <span className="muted">No contract</span>;
  return (
    <ul className="link-list">
      {backing.map((contract) => (
        <li key={contract.contractId}>
          Under contract:{" "}
          <Link to={`/employer/contracts/${contract.contractId}`}>
            {contract.title} (v{contract.version})
          </Link>
          {contract.differsFromProgram ? (
            <p className="small badge--draft">
              The contract rate is {formatCents(contract.rateCents)}; this
              program&apos;s bundled price is {formatCents(bundlePriceCents)}.
              The contract rate applies to its episodes.
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
