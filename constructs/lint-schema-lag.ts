import type { IConstruct } from 'constructs';
import { acknowledgeLint } from './acknowledge';

/**
 * Acknowledge cfn-lint's E3002 on `Tags` of a resource type that gained tagging after cfn-lint's bundled schema
 * (Listener, ListenerRule, ScalableTarget and Dashboard with cfn-lint 1.51). Only cfn-lint is told: aws-cdk-lib's own validation
 * uses the current CloudFormation schema and still checks the resource.
 */
export function acknowledgeTagsSchemaLag(resource: IConstruct): void {
  acknowledgeLint(
    resource,
    {
      E3002:
        "cfn-lint's bundled schema predates Tags on this resource type; aws-cdk-lib generates Tags from the current CloudFormation schema, which has them",
    },
    { cdkValidation: false },
  );
}
