import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { AwsClients } from '../../lib/cli/aws/clients';
import { costByTag, costPeriods } from '../../lib/cli/aws/cost-and-usage';
import { requirePythonModule } from '../support/gates';
import { startMoto } from '../support/moto';
import type { MotoServer } from '../support/moto';

/**
 * The weekly review's Cost Explorer read against moto: the request the SDK serializes from costByTag is accepted,
 * and the answer (groups keyed by linked account and `KEY$VALUE` tag) is read back into per-service lines. moto
 * tracks no cost: its `/moto-api/static/ce/cost-and-usage-results` queue says what GetCostAndUsage answers.
 */
const haveMoto = requirePythonModule('moto');
const ACCOUNT = '123456789012';

const group = (tag: string, usd: string) => ({
  Keys: [ACCOUNT, tag],
  Metrics: { UnblendedCost: { Amount: usd, Unit: 'USD' } },
});

(haveMoto ? describe : describe.skip)('Cost Explorer against moto (integration)', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('reads the cost of both periods per landfall:service tag from GetCostAndUsage', async () => {
    await moto.reset();
    const queued = await fetch(`${moto.endpoint}/moto-api/static/ce/cost-and-usage-results`, {
      method: 'POST',
      body: JSON.stringify({
        results: [
          {
            ResultsByTime: [
              {
                TimePeriod: { Start: '2026-11-20', End: '2026-11-21' },
                Groups: [group('landfall:service$api', '10.5'), group('landfall:service$', '2')],
              },
              {
                TimePeriod: { Start: '2026-11-27', End: '2026-11-28' },
                Groups: [group('landfall:service$api', '12.25')],
              },
            ],
          },
        ],
      }),
    });
    expect(queued.status).toBe(201);
    const clients = {
      costExplorer: new CostExplorerClient({
        region: 'us-east-1',
        endpoint: moto.endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      }),
    } as unknown as AwsClients;
    const read = await costByTag(
      clients,
      { attempts: 1 },
      { accountIds: [ACCOUNT], tagKey: 'landfall:service', periods: costPeriods(new Date('2026-11-30T08:00:00Z'), 7) },
    );
    expect(read).toEqual({
      lines: [
        { accountId: ACCOUNT, service: 'api', currentUsd: 12.25, previousUsd: 10.5 },
        { accountId: ACCOUNT, service: '', currentUsd: 0, previousUsd: 2 },
      ],
      requests: 1,
    });
  });
});
