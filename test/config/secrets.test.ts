import { secretsFor } from '../../lib/config';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

// Reference accounts: dev 444444444444, stg 555555555555, prod 666666666666; home region ap-northeast-1.
const arn = (account: string, name = 'acme/api/token', region = 'ap-northeast-1') =>
  `arn:aws:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`;

function withSecrets(secrets: unknown) {
  const services = referenceServices();
  Object.assign(services.api, { secrets });
  return services;
}

const apiError = (secrets: unknown) => configErrorOf(referencePlatform(), withSecrets(secrets));

describe('service secrets', () => {
  // Secrets Manager User Guide, "Find secrets from a partial ARN": "if your secret has a name that ends in a hyphen
  // followed by six characters ... those characters cause Secrets Manager to assume that you're specifying a complete
  // ARN ... we recommend that you don't create secret names ending with a hyphen followed by six characters."
  it('rejects a name that ends in a hyphen and 6 characters, which Secrets Manager takes for an ARN suffix', () => {
    expect(apiError({ API_TOKEN_SECRET: 'acme/api/token-secret' })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secrets.API_TOKEN_SECRET: "acme/api/token-secret" ends in a hyphen and 6 characters, which Secrets Manager ' +
        'takes for the random suffix of a complete ARN: rename the secret (for example "acme/api/token") or give its ' +
        'complete ARN',
    );
  });

  it('accepts a name that does not end like an ARN suffix', () => {
    expect(() => validate(referencePlatform(), withSecrets({ API_TOKEN_SECRET: 'acme/api/token' }))).not.toThrow();
  });

  it('rejects a name with characters Secrets Manager does not allow', () => {
    expect(apiError({ API_TOKEN_SECRET: 'acme api token' })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secrets.API_TOKEN_SECRET: "acme api token" is not a Secrets Manager secret name (allowed: letters, ' +
        'digits and /_+=.@-, at most 512 characters)',
    );
  });

  it('rejects a partial secret ARN (no random suffix): ECS gets complete ARNs only', () => {
    expect(
      apiError({ API_TOKEN_SECRET: 'arn:aws:secretsmanager:ap-northeast-1:444444444444:secret:acme/api/token' }),
    ).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secrets.API_TOKEN_SECRET: "arn:aws:secretsmanager:ap-northeast-1:444444444444:secre... is not a ' +
        'complete Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX, ending in the ' +
        'hyphen and 6 characters Secrets Manager adds; "aws secretsmanager describe-secret --secret-id NAME --query ' +
        'ARN" prints it)',
    );
  });

  it('accepts one complete ARN per environment, each in its environment account', () => {
    const model = validate(
      referencePlatform(),
      withSecrets({
        API_TOKEN_SECRET: { dev: arn('444444444444'), stg: 'acme/api/token', prod: arn('666666666666') },
      }),
    );
    const api = model.services.find((s) => s.name === 'api');
    if (!api) throw new Error('no api service');
    expect(['dev', 'stg', 'prod'].map((env) => secretsFor(api, env).API_TOKEN_SECRET)).toEqual([
      arn('444444444444'),
      'acme/api/token',
      arn('666666666666'),
    ]);
  });

  it('rejects one ARN for every environment when the environments run in different accounts', () => {
    expect(apiError({ API_TOKEN_SECRET: arn('444444444444') })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        `  * secrets.API_TOKEN_SECRET: "${arn('444444444444')}" is in account 444444444444, but stg runs in account ` +
        "555555555555, prod runs in account 666666666666 (ECS reads only secrets of the task's own account here: give " +
        "the secret's name or an ARN in that account, or give one per environment: { ENVIRONMENT: name or ARN })",
    );
  });

  it('rejects an ARN of another account for one environment', () => {
    expect(
      apiError({ API_TOKEN_SECRET: { dev: arn('444444444444'), stg: arn('444444444444'), prod: arn('666666666666') } }),
    ).toBe(
      'config/services/api.ts has 1 problem:\n' +
        `  * secrets.API_TOKEN_SECRET.stg: "${arn('444444444444')}" is in account 444444444444, but stg runs in ` +
        "account 555555555555 (ECS reads only secrets of the task's own account here: give the secret's name or an " +
        'ARN in that account)',
    );
  });

  it('rejects an ARN outside the home region', () => {
    const secret = arn('444444444444', 'acme/api/token', 'us-east-1');
    expect(apiError({ API_TOKEN_SECRET: { dev: secret, stg: 'acme/api/token', prod: 'acme/api/token' } })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        `  * secrets.API_TOKEN_SECRET.dev: "${secret}" is in region us-east-1, but services run in ap-northeast-1 ` +
        '(create the secret in ap-northeast-1)',
    );
  });

  it('names the environments a per-environment secret misses, and unknown environments', () => {
    expect(apiError({ API_TOKEN_SECRET: { dev: 'acme/api/token', qa: 'acme/api/token' } })).toBe(
      'config/services/api.ts has 2 problems:\n' +
        '  * secrets.API_TOKEN_SECRET.qa: "qa" is not an environment (allowed: dev, stg, prod)\n' +
        '  * secrets.API_TOKEN_SECRET: has no secret for environment stg, prod (give one for each of: dev, stg, prod)',
    );
  });

  it('checks the names inside a per-environment secret too', () => {
    expect(
      apiError({ API_TOKEN_SECRET: { dev: 'acme/api/token-secret', stg: 'acme/api/token', prod: 'acme/api/token' } }),
    ).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secrets.API_TOKEN_SECRET.dev: "acme/api/token-secret" ends in a hyphen and 6 characters, which Secrets ' +
        'Manager takes for the random suffix of a complete ARN: rename the secret (for example "acme/api/token") or ' +
        'give its complete ARN',
    );
  });
});

describe('secretRotation', () => {
  const rotationError = (secretRotation: unknown) => {
    const services = referenceServices();
    Object.assign(services.api, { secretRotation });
    return configErrorOf(referencePlatform(), services);
  };

  it('rejects a rotation of a variable that is not one of the secrets, naming the secrets it could rotate', () => {
    expect(rotationError({ STRIPE_KEY: { function: 'rotate-stripe', everyDays: 30 } })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secretRotation.STRIPE_KEY: "STRIPE_KEY" is not one of the service\'s secrets (allowed: API_TOKEN_SECRET)',
    );
  });

  it('rejects a function ARN where the function name goes (one name serves every environment account)', () => {
    expect(
      rotationError({
        API_TOKEN_SECRET: { function: 'arn:aws:lambda:ap-northeast-1:444444444444:function:rotate', everyDays: 30 },
      }),
    ).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * secretRotation.API_TOKEN_SECRET.function: "arn:aws:lambda:ap-northeast-1:444444444444:function:rotate" ' +
        'is not a Lambda function name (1-64 letters, digits, - and _; give the name, not the ARN)',
    );
  });

  it.each([0, 1001])('rejects a rotation every %s days (Secrets Manager allows 1-1000)', (everyDays) => {
    expect(rotationError({ API_TOKEN_SECRET: { function: 'rotate-api-token', everyDays } })).toBe(
      'config/services/api.ts has 1 problem:\n' +
        `  * secretRotation.API_TOKEN_SECRET.everyDays: ${everyDays} is not a rotation interval Secrets Manager allows (allowed: 1-1000 days)`,
    );
  });

  it('rejects a secretMaxAgeDays override the watch cannot check', () => {
    const platform = referencePlatform();
    const environments = platform.environments as Array<Record<string, unknown>>;
    environments[0].overrides = { secretMaxAgeDays: 0 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[0].overrides.secretMaxAgeDays: 0 is not a secret age the watch can check (allowed: 1-3650 days)',
    );
  });
});
