import { RemovalPolicy } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';

export interface OrganizationalUnitsProps {
  /** ID of the organization root (`r-...`): the parent of top-level OUs. */
  readonly rootId: string;
  /**
   * OU paths from the root, parents before children (`Workloads` before `Workloads/Prod`). The last segment is the
   * OU's name.
   */
  readonly paths: readonly string[];
}

/**
 * A tree of organizational units under the root. Each OU's construct ID is its path without slashes
 * (`WorkloadsProd`), so its logical ID is stable while the path is. OUs are retained: an OU that still holds
 * accounts cannot be deleted anyway, and the retain policy lets `cdk import` adopt an existing OU.
 */
export class OrganizationalUnits extends Construct {
  private readonly units = new Map<string, organizations.CfnOrganizationalUnit>();
  private readonly rootId: string;

  constructor(scope: Construct, id: string, props: OrganizationalUnitsProps) {
    super(scope, id);
    this.rootId = props.rootId;
    for (const path of props.paths) {
      const segments = path.split('/');
      const parentPath = segments.slice(0, -1).join('/');
      const parentId = parentPath === '' ? props.rootId : this.unit(parentPath).attrId;
      const unit = new organizations.CfnOrganizationalUnit(this, segments.join(''), {
        name: segments[segments.length - 1],
        parentId,
      });
      unit.applyRemovalPolicy(RemovalPolicy.RETAIN);
      this.units.set(path, unit);
    }
  }

  /** The OU at `path`. Throws for a path that was not created (or whose parent came after it). */
  public unit(path: string): organizations.CfnOrganizationalUnit {
    const unit = this.units.get(path);
    if (!unit)
      throw new Error(
        `no organizational unit "${path}" (known: ${[...this.units.keys()].join(', ')}); list parents before children`,
      );
    return unit;
  }

  /** ID of a target: `Root` is the organization root, anything else an OU path. */
  public targetId(target: string): string {
    return target === 'Root' ? this.rootId : this.unit(target).attrId;
  }
}
