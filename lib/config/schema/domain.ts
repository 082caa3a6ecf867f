import { z } from 'zod';
import { strict } from '../fields';

/** A DNS name of at least two labels, lowercase: `dev.example.com`. */
export const dnsName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'is not a lowercase DNS name (for example dev.example.com)',
  );

export const certificateId = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'is not an ACM certificate ID (the last part of its ARN, for example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)',
  );

/**
 * `environments[].domain`: the environment's DNS name and an ACM certificate for it. With a domain the shared load
 * balancer listens on HTTPS and redirects HTTP; web services with a `host` are routed by `<host>.<name>`.
 */
export const DomainSchema = strict({
  /** The environment's domain, for example `prod.example.com`; service hosts are labels under it. */
  name: dnsName,
  /**
   * ID of an issued ACM certificate covering the domain and its hosts (for example `*.prod.example.com`). A load
   * balancer can only use a certificate of its own account and region, so landfall builds the ARN from the
   * environment's account and the home region: an account ID that `landfall accounts sync` changes never leaves a
   * stale ARN behind. landfall never looks certificates up, so synth stays offline.
   */
  certificateId,
});
export type DomainConfig = z.infer<typeof DomainSchema>;
