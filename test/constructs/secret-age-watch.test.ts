import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SecretAgeWatch } from '../../constructs/secret-age-watch';
import { buildApp, stackAt } from '../support/example';
import { matchesPattern } from '../support/event-pattern';

const event = (name: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/events', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
const TOO_OLD = event('config-secret-age-non-compliant');
const ROTATED = event('config-secret-age-compliant');

const stack = new Stack(new App(), 'Test', { env: { account: '666666666666', region: 'ap-northeast-1' } });
new SecretAgeWatch(stack, 'SecretAge', {
  ruleName: 'landfall-prod-secret-age',
  maxAgeDays: 90,
  topic: new sns.Topic(stack, 'Ticket'),
  environment: 'prod',
  runbookUrl: 'https://github.com/acme/platform/blob/main/docs/runbooks/secret-age.md',
});
const template = Template.fromStack(stack);
const [rule] = Object.values(template.findResources('AWS::Events::Rule')) as Array<{
  Properties: {
    EventPattern: Record<string, unknown>;
    Targets: Array<{ InputTransformer: { InputTemplate: string } }>;
  };
}>;

/** The rule's pattern with the Config rule's `Ref` resolved to its name (the name is set in the template). */
const pattern = JSON.parse(
  JSON.stringify(rule.Properties.EventPattern).replace(
    /\{"Ref":"SecretAgeRule[A-Z0-9]+"\}/,
    '"landfall-prod-secret-age"',
  ),
) as Record<string, unknown>;

describe('SecretAgeWatch', () => {
  // AWS Config Developer Guide, "secretsmanager-secret-periodic-rotation": "NON_COMPLIANT if a secret has not been
  // rotated for more than maxDaysSinceRotation number of days"; trigger type Periodic.
  it("checks every secret of the account daily against the profile's maximum age", () => {
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      ConfigRuleName: 'landfall-prod-secret-age',
      Source: { Owner: 'AWS', SourceIdentifier: 'SECRETSMANAGER_SECRET_PERIODIC_ROTATION' },
      InputParameters: { maxDaysSinceRotation: 90 },
      MaximumExecutionFrequency: 'TwentyFour_Hours',
    });
  });

  it('announces a secret that turned NON_COMPLIANT under this rule, and not one that was rotated', () => {
    expect(matchesPattern(pattern, TOO_OLD)).toBe(true);
    expect(matchesPattern(pattern, ROTATED)).toBe(false);
    const otherRule = { ...TOO_OLD, detail: { ...(TOO_OLD.detail as object), configRuleName: 'someone-elses-rule' } };
    expect(matchesPattern(pattern, otherRule)).toBe(false);
  });

  it('names the secret, the age and the runbook on the ticket topic', () => {
    const text = rule.Properties.Targets[0].InputTransformer.InputTemplate;
    expect(text).toContain(
      '[TICKET] secret too old in prod: <detail-resourceId> has not changed for more than 90 days',
    );
    expect(text).toContain('Runbook: https://github.com/acme/platform/blob/main/docs/runbooks/secret-age.md');
  });
});

describe('the secret-age watch of each environment', () => {
  const built = buildApp();

  it.each([
    ['dev', 365],
    ['stg', 180],
    ['prod', 90],
  ])('%s reports secrets unchanged for more than %s days (profile secretMaxAgeDays)', (environment, days) => {
    Template.fromStack(stackAt(built, `${environment}/Observability`)).hasResourceProperties(
      'AWS::Config::ConfigRule',
      { ConfigRuleName: `landfall-${environment}-secret-age`, InputParameters: { maxDaysSinceRotation: days } },
    );
  });

  // The Config rule fails to create without the account's configuration recorder (PutConfigRule:
  // NoAvailableConfigurationRecorderException), which the environment's Baseline stack records with.
  it('deploys after the Baseline stack that holds the configuration recorder', () => {
    const observability = stackAt(built, 'prod/Observability');
    expect(observability.dependencies.map((s) => s.node.path)).toEqual(expect.arrayContaining(['prod/Baseline']));
    Template.fromStack(stackAt(built, 'prod/Baseline')).resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
  });

  it("sends its announcements to the environment's ticket topic", () => {
    Template.fromStack(stackAt(built, 'prod/Observability')).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.config'] }),
      Targets: [
        Match.objectLike({ Arn: Match.stringLikeRegexp(':sns:ap-northeast-1:666666666666:landfall-prod-ticket$') }),
      ],
    });
  });
});
