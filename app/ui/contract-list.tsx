import { Link } from "@remix-run/react";
import { formatDate, statusLabel } from "./format";
import { TableWrap } from "./table-wrap";

interface ContractRow {
  id: string;
  title: string;
  status: string;
  otherParty: string;
  latestVersion: number | null;
  updatedAt: string;
}

/** The contracts of one side, newest first. */
export function ContractList({
  contracts,
  basePath,
  otherPartyLabel,
}: {
  contracts: ContractRow[];
  basePath: string;
  otherPartyLabel: string;
}) {
  if (contracts.length === 0) return <p className="empty">No contract yet.</p>;
  return (
    <TableWrap label="Contracts">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Contract</th>
            <th scope="col">{otherPartyLabel}</th>
            <th scope="col">Status</th>
            <th scope="col">Version</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          {contracts.map((contract) => (
            <tr key={contract.id}>
              <th scope="row">
                <Link to={`${basePath}/${contract.id}`}>{contract.title}</Link>
              </th>
              <td>{contract.otherParty}</td>
              <td>{statusLabel(contract.status)}</td>
              <td>{contract.latestVersion ?? "–"}</td>
              <td>{formatDate(contract.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
