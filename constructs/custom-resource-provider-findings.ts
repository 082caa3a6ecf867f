import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { acknowledge, acknowledgeLint } from './acknowledge';

/** Construct ID of the singleton Lambda that `AwsCustomResource` shares per stack (fixed by aws-cdk-lib). */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * Acknowledge, on the stack's shared `AwsCustomResource` provider function, the findings that come from how
 * CloudFormation runs a deployment-time provider. Call after creating the first `AwsCustomResource` of a stack;
 * the provider's permissions stay on each custom resource and are acknowledged there, with their actions.
 */
export function acknowledgeCustomResourceProvider(scope: IConstruct): void {
  const provider = Stack.of(scope).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
  if (provider === undefined || provider.node.metadata.some((m) => m.type === 'landfall:acknowledged')) return;
  provider.node.addMetadata('landfall:acknowledged', true);
  acknowledge(provider, {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      'AWSLambdaBasicExecutionRole only lets the provider write its own CloudWatch Logs; it is the AWS-maintained minimum for a Lambda function',
    'NIST.800.53.R5-LambdaInsideVPC':
      'The provider only calls public AWS control-plane APIs during deployments; a VPC would add a NAT dependency and isolate nothing',
    'NIST.800.53.R5-LambdaDLQ':
      'CloudFormation invokes the provider synchronously and records every failure in the stack events; there is no asynchronous event to keep',
    'NIST.800.53.R5-LambdaConcurrency':
      'The provider runs only during stack deployments, once per custom resource change; reserved concurrency would take capacity from the account for nothing',
    'guard:lambda_inside_vpc_check':
      'CT.LAMBDA.PR.3: the provider only calls public AWS control-plane APIs during deployments; a VPC would add a NAT dependency and isolate nothing',
  });
  acknowledgeLint(provider, {
    W3005:
      'aws-cdk-lib adds DependsOn on the provider role beside the GetAtt of its ARN; the duplicate ordering is harmless and generated',
  });
}
