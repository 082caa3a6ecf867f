import { checkExportStability } from '../../lib/checks/readiness';
import { referencePlatform, referenceServices, validate } from '../support/example';
import { synthesize } from './fixture';

/**
 * Config changes a team makes after the first deploy must not remove or change an export another stack imports:
 * CloudFormation, "Fn::ImportValue": "After another stack imports an output value, you can't ... modify the exported
 * output value. All the imports must be removed before you can delete the exporting stack or modify the output
 * value." The reference fixture is synthesized before the change (once) and after each change.
 */
const before = synthesize().assembly;
const after = (
  mutate: (platform: ReturnType<typeof referencePlatform>, services: ReturnType<typeof referenceServices>) => void,
) => {
  const platform = referencePlatform();
  const services = referenceServices();
  mutate(platform, services);
  return synthesize(validate(platform, services), false).assembly;
};
const messages = (mutate: Parameters<typeof after>[0]) =>
  checkExportStability(before, after(mutate)).map((p) => p.message);

describe('export stability of the reference fixture under config changes', () => {
  it('keeps every export in use when dev gets a domain (its listener becomes HTTPS)', () => {
    expect(
      messages((platform) => {
        (platform.environments[0] as Record<string, unknown>).domain = {
          name: 'dev.example.com',
          certificateId: '00000000-0000-4000-8000-000000000444',
        };
      }),
    ).toEqual([]);
  });

  it('keeps every export in use when a web service is added', () => {
    expect(
      messages((_platform, services) => {
        services.billing = { ...structuredClone(services.api), name: 'billing', paths: ['/billing/*'] };
      }),
    ).toEqual([]);
  });

  it('keeps every export in use when a service is removed', () => {
    expect(
      messages((_platform, services) => {
        delete services.api;
      }),
    ).toEqual([]);
  });

  it('keeps every export in use when the NAT gateway count changes', () => {
    expect(
      messages((platform) => {
        (platform.environments[2] as Record<string, unknown>).overrides = { natGateways: 2 };
      }),
    ).toEqual([]);
  });

  it('keeps every export in use when ticket notifications go to Slack', () => {
    expect(
      messages((platform) => {
        (platform.notifications as Record<string, unknown>).ticket = { slackChannelId: 'C0TICKET123' };
      }),
    ).toEqual([]);
  });
});
