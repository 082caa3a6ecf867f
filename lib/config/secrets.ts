import type { ServiceConfig } from './schema/service';

/**
 * How a service names a Secrets Manager secret: by name (in the environment's account and region), or by its
 * complete ARN, the ARN with the hyphen and 6 random characters Secrets Manager appends to the name.
 *
 * Secrets Manager User Guide, "Find secrets from a partial ARN": "if your secret has a name that ends in a hyphen
 * followed by six characters ... and you try to use that as a partial ARN, then those characters cause Secrets Manager
 * to assume that you're specifying a complete ARN ... we recommend that you don't create secret names ending with a
 * hyphen followed by six characters." ECS reads a secret named by name through such a partial ARN, so such a name is
 * rejected; aws-cdk-lib's `Secret.fromSecretNameV2` says the same ("use the complete ARN").
 */

/** Characters Secrets Manager allows in a secret name (CreateSecret `Name`: at most 512 of them). */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** A name ending like a complete ARN's suffix: a hyphen and six characters. */
const LOOKS_LIKE_SUFFIX = /-[A-Za-z0-9/_+=.@-]{6}$/;
/** A complete secret ARN: `arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX`. */
const COMPLETE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)-([A-Za-z0-9]{6})$/;

/** The parts of a complete secret ARN. */
export interface SecretArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** The secret's name, without the random suffix. */
  readonly name: string;
}

/** The parts of a complete secret ARN, or undefined when the value is not one. */
export function parseCompleteSecretArn(value: string): SecretArn | undefined {
  const match = COMPLETE_ARN.exec(value);
  if (!match) return undefined;
  return { partition: match[1], region: match[2], account: match[3], name: match[4] };
}

/** Whether a (valid) secret reference is an ARN rather than a name. */
export function isSecretArn(value: string): boolean {
  return value.startsWith('arn:');
}

/**
 * What is wrong with a secret reference as the schema sees it (without the environment's account), or undefined
 * when it is a usable name or a complete ARN.
 */
export function secretReferenceProblem(value: string): string | undefined {
  if (isSecretArn(value)) {
    if (parseCompleteSecretArn(value)) return undefined;
    return (
      'is not a complete Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX, ending ' +
      'in the hyphen and 6 characters Secrets Manager adds; "aws secretsmanager describe-secret --secret-id NAME ' +
      '--query ARN" prints it)'
    );
  }
  if (!SECRET_NAME.test(value)) {
    return 'is not a Secrets Manager secret name (allowed: letters, digits and /_+=.@-, at most 512 characters)';
  }
  if (LOOKS_LIKE_SUFFIX.test(value)) {
    return (
      'ends in a hyphen and 6 characters, which Secrets Manager takes for the random suffix of a complete ARN: ' +
      `rename the secret (for example "${value.slice(0, -7)}") or give its complete ARN`
    );
  }
  return undefined;
}

/** A service's secrets as one environment sees them: environment variable to secret name or complete ARN. */
export function secretsFor(service: ServiceConfig, environment: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [variable, reference] of Object.entries(service.secrets ?? {})) {
    const value = typeof reference === 'string' ? reference : reference[environment];
    if (value !== undefined) out[variable] = value;
  }
  return out;
}
