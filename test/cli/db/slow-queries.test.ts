import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  ResourceNotFoundException,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { makeSlowQueriesCommand } from '../../../lib/cli/db/slow-queries';
import { normalizeStatement, parseSlowStatement, summarize } from '../../../lib/cli/db/statements';
import { runIn } from '../../support/cli';

// Lines as Aurora PostgreSQL writes them with log_min_duration_statement (prefix %t:%r:%u@%d:[%p]:).
const PREFIX = '2026-12-01 09:15:02 UTC:10.0.1.23(40122):landfall_admin@api:[20815]:LOG:  ';
const LINES = [
  `${PREFIX}duration: 1234.567 ms  statement: SELECT * FROM orders WHERE customer_id = 42 AND status = 'open'`,
  `${PREFIX}duration: 801.002 ms  statement: SELECT * FROM orders WHERE customer_id = 7 AND status = 'shipped'`,
  `${PREFIX}duration: 950.500 ms  statement: SELECT * FROM orders WHERE customer_id = 1001 AND status = 'it''s'`,
  `${PREFIX}duration: 2500.000 ms  execute <unnamed>: UPDATE stock SET qty = qty - $1 WHERE sku IN ($2, $3, $4)`,
  `${PREFIX}duration: 612.250 ms  statement: SELECT o.id,\n       o.total\n  FROM orders o\n  JOIN customers c ON c.id = o.customer_id\n WHERE c.email = 'a@example.com'\n   AND o.created_at > '2026-11-01'\n LIMIT 50;`,
  `${PREFIX}still waiting for ShareLock on transaction 8812 after 1000.052 ms`,
];

const row = (message: string) => [
  { field: '@timestamp', value: '2026-12-01 09:15:02.000' },
  { field: '@message', value: message },
];

describe('slow statement parsing', () => {
  it('reads the duration and the statement of a log line', () => {
    expect(parseSlowStatement(LINES[0] ?? '')).toEqual({
      durationMs: 1234.567,
      statement: "SELECT * FROM orders WHERE customer_id = 42 AND status = 'open'",
    });
  });

  it('reads a prepared statement (execute <unnamed>)', () => {
    expect(parseSlowStatement(LINES[3] ?? '')?.durationMs).toBe(2500);
  });

  it('keeps every line of a multi-line statement', () => {
    expect(parseSlowStatement(LINES[4] ?? '')?.statement).toContain('LIMIT 50;');
  });

  it('ignores lines without a statement duration (lock waits)', () => {
    expect(parseSlowStatement(LINES[5] ?? '')).toBeUndefined();
  });

  it('replaces string, escaped string, number and parameter literals by ?', () => {
    expect(normalizeStatement("SELECT * FROM orders WHERE customer_id = 1001 AND status = 'it''s'")).toBe(
      'SELECT * FROM orders WHERE customer_id = ? AND status = ?',
    );
    expect(normalizeStatement('UPDATE stock SET qty = qty - $1 WHERE sku IN ($2, $3, $4)')).toBe(
      'UPDATE stock SET qty = qty - ? WHERE sku IN (?)',
    );
  });

  it('collapses a multi-line statement to one line without the trailing semicolon', () => {
    expect(normalizeStatement(parseSlowStatement(LINES[4] ?? '')?.statement ?? '')).toBe(
      'SELECT o.id, o.total FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = ? AND o.created_at > ? LIMIT ?',
    );
  });

  it('keeps digits inside identifiers', () => {
    expect(normalizeStatement('SELECT col1 FROM t2 WHERE x = 3')).toBe('SELECT col1 FROM t2 WHERE x = ?');
  });

  it('groups by normalized statement with count, p50, p95 and max', () => {
    const stats = summarize(
      LINES.flatMap((l) => parseSlowStatement(l) ?? []),
      10,
    );
    expect(stats[0]).toEqual({
      statement: 'SELECT * FROM orders WHERE customer_id = ? AND status = ?',
      count: 3,
      p50Ms: 950.5,
      p95Ms: 1234.567,
      maxMs: 1234.567,
      totalMs: 2986.069,
    });
    expect(stats).toHaveLength(3);
  });
});

describe('landfall db slow-queries', () => {
  const logs = mockClient(CloudWatchLogsClient);
  beforeEach(() => logs.reset());
  const command = makeSlowQueriesCommand({
    logs: () => new CloudWatchLogsClient({ region: 'ap-northeast-1' }),
    sleep: async () => undefined,
    now: () => new Date('2026-12-02T00:00:00Z'),
  });

  it('queries the cluster log group over the last 24 hours and prints the slowest statements', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce({ status: 'Running' })
      .resolves({ status: 'Complete', results: LINES.map(row) });
    const run = await runIn([command], ['db', 'slow-queries', 'prod', 'api']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const start = logs.commandCalls(StartQueryCommand)[0]?.args[0].input;
    expect(start).toMatchObject({
      logGroupName: '/aws/rds/cluster/landfall-prod-api/postgresql',
      endTime: 1796169600,
      startTime: 1796169600 - 86400,
    });
    expect(logs.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'Slow statements of api in prod, last 24h (5 slower than 500 ms)',
      'count  p50 ms  p95 ms  max ms  statement',
      '    3   950.5  1234.6  1234.6  SELECT * FROM orders WHERE customer_id = ? AND status = ?',
    ]);
  });

  it('prints json with --format json and at most --top statements', async () => {
    logs.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logs.on(GetQueryResultsCommand).resolves({ status: 'Complete', results: LINES.map(row) });
    const run = await runIn([command], ['db', 'slow-queries', 'prod', 'api', '--format', 'json', '--top', '1']);
    const report = JSON.parse(run.stdout) as { statements: Array<{ count: number }> };
    expect(report.statements).toHaveLength(1);
    expect(report.statements[0]?.count).toBe(3);
  });

  it('says the log group does not exist when the database is not deployed or the account is wrong', async () => {
    logs
      .on(StartQueryCommand)
      .rejects(new ResourceNotFoundException({ message: 'Log group does not exist', $metadata: {} }));
    const run = await runIn([command], ['db', 'slow-queries', 'dev', 'api']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /^landfall: log group \/aws\/rds\/cluster\/landfall-dev-api\/postgresql does not exist in account \d{12} \(dev\)/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects a service without a database', async () => {
    const run = await runIn([command], ['db', 'slow-queries', 'prod', 'jobs']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('service "jobs" has no database (allowed: api)');
    expect(logs.commandCalls(StartQueryCommand)).toHaveLength(0);
  });

  it('rejects a --since it cannot read', async () => {
    const run = await runIn([command], ['db', 'slow-queries', 'prod', 'api', '--since', 'yesterday']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--since yesterday is not allowed (allowed: a number with m, h or d, for example 24h)',
    );
  });
});
