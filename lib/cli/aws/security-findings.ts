/**
 * Open critical and high findings per account, read-only, from Security Hub in the delegated administrator (the
 * security account), which sees the findings of every member account (and of every linked region, through the
 * finding aggregator in the home region).
 */
import { paginateGetFindings } from '@aws-sdk/client-securityhub';
import type { AwsSecurityFindingFilters } from '@aws-sdk/client-securityhub';
import { collect } from './call';
import type { AwsClients } from './clients';

/** An open finding, as the review lists it. */
export interface OpenFinding {
  readonly accountId: string;
  /** `CRITICAL` or `HIGH`. */
  readonly severity: string;
  readonly title: string;
  readonly region?: string;
  /** The security control (`S3.8`), when the finding comes from a standard. */
  readonly control?: string;
}

const equals = (values: readonly string[]) => values.map((Value) => ({ Value, Comparison: 'EQUALS' as const }));

/**
 * The findings filter: still present (RecordState ACTIVE), not dealt with (workflow NEW or NOTIFIED: "NEW - The
 * initial state of a finding, before it is reviewed", "NOTIFIED - Indicates that you notified the resource owner",
 * Security Hub API Reference, Workflow), CRITICAL or HIGH, in the given accounts (at most 20 values per filter:
 * AwsSecurityFindingFilters, "For each attribute, you can provide up to 20 filter values").
 */
export function openFindingsFilter(accountIds: readonly string[]): AwsSecurityFindingFilters {
  return {
    AwsAccountId: equals(accountIds),
    RecordState: equals(['ACTIVE']),
    WorkflowStatus: equals(['NEW', 'NOTIFIED']),
    SeverityLabel: equals(['CRITICAL', 'HIGH']),
  };
}

/** The open critical and high findings of `accountIds` (20 accounts per filter, one filter after the other). */
export async function openFindings(clients: AwsClients, accountIds: readonly string[]): Promise<OpenFinding[]> {
  const out: OpenFinding[] = [];
  for (let i = 0; i < accountIds.length; i += 20) {
    const findings = await collect(
      'securityhub:GetFindings',
      paginateGetFindings(
        { client: clients.securityHub, pageSize: 100 },
        { Filters: openFindingsFilter(accountIds.slice(i, i + 20)) },
      ),
      (page) => page.Findings,
    );
    for (const f of findings) {
      out.push({
        accountId: f.AwsAccountId ?? '',
        severity: f.Severity?.Label ?? 'HIGH',
        title: f.Title ?? f.Id ?? 'untitled finding',
        ...(f.Region === undefined ? {} : { region: f.Region }),
        ...(f.Compliance?.SecurityControlId === undefined ? {} : { control: f.Compliance.SecurityControlId }),
      });
    }
  }
  return out;
}
