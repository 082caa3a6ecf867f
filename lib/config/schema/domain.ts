import { z } from 'zod';
import { strict } from '../fields';

/** A DNS name of at least two labels, lowercase: `dev.example.com`. */
export const dnsName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'is not a lowercase DNS name (for example dev.example.com)',
  );

export const certificateArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
    'is not an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)',
  );

/**
 * `environments[].domain`: the environment's DNS name and an ACM certificate for it. With a domain the shared load
 * balancer listens on HTTPS and redirects HTTP; web services with a `host` are routed by `<host>.<name>`.
 */
export const DomainSchema = strict({
  /** The environment's domain, for example `prod.example.com`; service hosts are labels under it. */
  name: dnsName,
  /**
   * An issued ACM certificate in the environment's account and the home region covering the domain and its hosts
   * (for example `*.prod.example.com`). landfall never looks certificates up, so synth stays offline.
   */
  certificateArn,
});
export type DomainConfig = z.infer<typeof DomainSchema>;
