/**
 * Gate: what the templates reference that no stack of the assembly creates. Each is a prerequisite of the rollout
 * (a manual step), with the read-only AWS CLI command that proves it exists:
 * - ACM certificate ARNs (load balancer listeners);
 * - Secrets Manager secrets (task definitions' `Secrets`, IAM policy resources, `{{resolve:secretsmanager:...}}`);
 * - SSM parameters (`AWS::SSM::Parameter::Value<...>` template parameters, `{{resolve:ssm:...}}`, task definitions);
 * - the Slack workspace and channels of AWS Chatbot configurations (the workspace is authorized per account in the
 *   Chatbot console; "AWS Chatbot APIs are currently available in ... US East (Ohio)", and the console only there).
 * Parameters AWS publishes (`/aws/service/...`) and the one `cdk bootstrap` creates (`/cdk-bootstrap/...`) are not
 * inputs: the bootstrap is a rollout step of its own.
 */
import type { Assembly, AssemblyStack } from './assembly';
import { resourcesOf } from './assembly';
import { intrinsicOf, resolveString } from './intrinsics';
import type { ExternalInput } from './rollout-types';

export interface ExternalInputOptions {
  /** Account names by account ID (from the config), so inputs name accounts as the rollout plan does. @default IDs */
  readonly accountNames?: Readonly<Record<string, string>>;
}

/** Where the AWS Chatbot API (and console) answers. */
export const CHATBOT_API_REGION = 'us-east-2';

const NOT_INPUTS = [/^\/aws\/service\//, /^\/aws\/reference\//, /^\/cdk-bootstrap\//];

const CERTIFICATE = /^arn:aws[\w-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[\w-]+$/;
const SECRET = /^arn:aws[\w-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:([^:*?]+?)(?:-\?{6}|\*)?(?::.*)?$/;
const PARAMETER = /^arn:aws[\w-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/([^*?]+)$/;
const DYNAMIC = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]+)\}\}/g;

type Found = Omit<ExternalInput, 'check' | 'account'> & { readonly accountId: string };

function* stringsOf(value: unknown, stack: AssemblyStack): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsOf(v, stack);
  else if (value !== null && typeof value === 'object') {
    if (intrinsicOf(value) !== undefined) {
      const resolved = resolveString(value, stack);
      if (resolved !== undefined) {
        yield resolved;
        return;
      }
    }
    for (const v of Object.values(value)) yield* stringsOf(v, stack);
  }
}

/** SSM parameter name from an ARN's resource part: `parameter/a/b` is `/a/b`, `parameter/a` is `a`. */
const parameterName = (rest: string) => (rest.includes('/') ? `/${rest}` : rest);

function fromString(text: string, stack: AssemblyStack): Found[] {
  const found: Found[] = [];
  let m = CERTIFICATE.exec(text);
  if (m !== null) found.push({ kind: 'certificate', value: text, accountId: m[2], region: m[1] });
  m = SECRET.exec(text);
  if (m !== null) found.push({ kind: 'secret', value: m[3], accountId: m[2], region: m[1] });
  m = PARAMETER.exec(text);
  if (m !== null) found.push({ kind: 'ssm-parameter', value: parameterName(m[3]), accountId: m[2], region: m[1] });
  for (const d of text.matchAll(DYNAMIC)) {
    const secret = SECRET.exec(d[2]);
    if (d[1] === 'secretsmanager' && secret !== null) {
      found.push({ kind: 'secret', value: secret[3], accountId: secret[2], region: secret[1] });
    } else {
      const name = d[2].split(':')[0];
      const kind = d[1] === 'secretsmanager' ? 'secret' : 'ssm-parameter';
      found.push({ kind, value: name, accountId: stack.account, region: stack.region });
    }
  }
  return found;
}

function fromStack(stack: AssemblyStack): Found[] {
  const found: Found[] = [];
  for (const parameter of Object.values(stack.template.Parameters ?? {})) {
    if (parameter.Type.startsWith('AWS::SSM::Parameter::Value<') && typeof parameter.Default === 'string') {
      found.push({ kind: 'ssm-parameter', value: parameter.Default, accountId: stack.account, region: stack.region });
    }
  }
  for (const [, resource] of Object.entries(stack.template.Resources ?? {})) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'AWS::Chatbot::SlackChannelConfiguration') {
      for (const [kind, property] of [
        ['slack-workspace', 'SlackWorkspaceId'],
        ['slack-channel', 'SlackChannelId'],
      ] as const) {
        const id = resolveString(p[property], stack);
        if (id !== undefined) found.push({ kind, value: id, accountId: stack.account, region: CHATBOT_API_REGION });
      }
    }
    if (resource.Type === 'AWS::ECS::TaskDefinition') {
      // ECS: ValueFrom is "the full ARN of the Secrets Manager secret or the full ARN or name of the parameter".
      const containers = Array.isArray(p.ContainerDefinitions)
        ? (p.ContainerDefinitions as Record<string, unknown>[])
        : [];
      for (const secret of containers.flatMap((c) =>
        Array.isArray(c.Secrets) ? (c.Secrets as { ValueFrom?: unknown }[]) : [],
      )) {
        const from = resolveString(secret.ValueFrom, stack);
        if (from !== undefined && !from.startsWith('arn:')) {
          found.push({ kind: 'ssm-parameter', value: from, accountId: stack.account, region: stack.region });
        }
      }
    }
    for (const text of stringsOf(p, stack)) found.push(...fromString(text, stack));
  }
  for (const output of Object.values(stack.template.Outputs ?? {})) {
    for (const text of stringsOf(output.Value, stack)) found.push(...fromString(text, stack));
  }
  return found;
}

/** Names of the secrets and parameters the assembly creates, by `kind|account|region|name`. */
function created(assembly: Assembly): Set<string> {
  const out = new Set<string>();
  for (const [type, kind] of [
    ['AWS::SecretsManager::Secret', 'secret'],
    ['AWS::SSM::Parameter', 'ssm-parameter'],
  ] as const) {
    for (const { stack, resource } of resourcesOf(assembly, type)) {
      const name = resolveString(resource.Properties?.Name, stack);
      if (name !== undefined) out.add(`${kind}|${stack.account}|${stack.region}|${name}`);
    }
  }
  return out;
}

function checkCommand(kind: ExternalInput['kind'], value: string, region: string): string {
  switch (kind) {
    case 'certificate':
      return `aws acm describe-certificate --certificate-arn ${value} --region ${region}`;
    case 'secret':
      return `aws secretsmanager describe-secret --secret-id ${value} --region ${region}`;
    case 'ssm-parameter':
      return `aws ssm get-parameter --name ${value} --region ${region}`;
    case 'slack-workspace':
      return `aws chatbot describe-slack-workspaces --region ${region} --query "SlackWorkspaces[?SlackTeamId=='${value}'].SlackTeamName"`;
    case 'slack-channel':
      return `aws chatbot describe-slack-channel-configurations --region ${region} --query "SlackChannelConfigurations[?SlackChannelId=='${value}'].ChatConfigurationArn"`;
  }
}

/** Every external input of the assembly, once per kind, value, account and region, sorted. */
export function externalInputs(assembly: Assembly, options: ExternalInputOptions = {}): ExternalInput[] {
  const made = created(assembly);
  const inputs = new Map<string, ExternalInput>();
  for (const stack of assembly.stacks) {
    for (const f of fromStack(stack)) {
      if (f.kind === 'ssm-parameter' && NOT_INPUTS.some((re) => re.test(f.value))) continue;
      if (made.has(`${f.kind}|${f.accountId}|${f.region}|${f.value}`)) continue;
      const input: ExternalInput = {
        kind: f.kind,
        value: f.value,
        account: options.accountNames?.[f.accountId] ?? f.accountId,
        region: f.region,
        check: checkCommand(f.kind, f.value, f.region),
      };
      inputs.set(`${input.kind}|${input.value}|${input.account}|${input.region}`, input);
    }
  }
  return [...inputs.values()].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.account.localeCompare(b.account) ||
      a.region.localeCompare(b.region) ||
      a.value.localeCompare(b.value),
  );
}
