import type { Outcome, PricingContext } from './pricing';
import { hourly, price, rate } from './pricing';

function listLength(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

/** An Application Load Balancer: hours, assumed LCUs, and one public IPv4 address per zone when internet-facing. */
export function loadBalancer(ctx: PricingContext): Outcome {
  const type = ctx.props.Type ?? 'application';
  if (type !== 'application') return { unknown: `no price for ${String(type)} load balancers in the table` };
  const lcu = ctx.assumptions.albLcuPerHour;
  const lines = [
    hourly(ctx, 'Application Load Balancer hours', 'alb.hour', 1, '1 load balancer'),
    hourly(
      ctx,
      'Application Load Balancer LCUs',
      'alb.lcuHour',
      lcu,
      `${lcu} LCU`,
      ` (assumed: ${lcu} LCU on average)`,
    ),
  ];
  if (ctx.props.Scheme !== 'internal') {
    const zones = listLength(ctx.props.Subnets) ?? listLength(ctx.props.SubnetMappings) ?? 2;
    lines.push(
      hourly(
        ctx,
        'public IPv4 addresses (load balancer)',
        'publicIpv4.hour',
        zones,
        `${zones} addresses`,
        ', one per subnet',
      ),
    );
  }
  return { lines };
}

/** A NAT gateway: hours and an assumed volume of data processed (its address is priced on its EIP). */
export function natGateway(ctx: PricingContext): Outcome {
  const gb = ctx.assumptions.natGbPerMonth;
  const p = price(ctx, 'nat.gb');
  return {
    lines: [
      hourly(ctx, 'NAT gateway hours', 'nat.hour', 1, '1 NAT gateway'),
      {
        item: 'NAT gateway data processed',
        quantity: `${gb} GB`,
        assumption: `assumed ${gb} GB a month x ${rate(p)}/${p.unit}`,
        low: gb * p.usd,
        high: gb * p.usd,
      },
    ],
  };
}

/** An Elastic IP: a public IPv4 address, charged whether attached or idle. */
export function elasticIp(ctx: PricingContext): Outcome {
  return { lines: [hourly(ctx, 'public IPv4 address (Elastic IP)', 'publicIpv4.hour', 1, '1 address')] };
}

/** A VPC endpoint: interface endpoints per zone-hour plus data; gateway endpoints (S3, DynamoDB) are free. */
export function vpcEndpoint(ctx: PricingContext): Outcome {
  const type = ctx.props.VpcEndpointType ?? 'Gateway';
  if (type === 'Gateway') return { free: 'gateway endpoints (S3, DynamoDB) have no charge' };
  if (type !== 'Interface') return { unknown: `no price for ${String(type)} endpoints in the table` };
  const zones = listLength(ctx.props.SubnetIds) ?? 1;
  const gb = ctx.assumptions.endpointGbPerMonth;
  const p = price(ctx, 'vpcEndpoint.gb');
  return {
    lines: [
      hourly(ctx, 'interface VPC endpoint hours', 'vpcEndpoint.azHour', zones, `${zones} zones`, ', one per subnet'),
      {
        item: 'interface VPC endpoint data processed',
        quantity: `${gb} GB`,
        assumption: `assumed ${gb} GB a month x ${rate(p)}/${p.unit}`,
        low: gb * p.usd,
        high: gb * p.usd,
      },
    ],
  };
}
