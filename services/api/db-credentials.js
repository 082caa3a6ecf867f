// The pattern for credentials RDS rotates: read the secret (DB_SECRET_ARN) once, connect with it, and when the
// database refuses the password (after a rotation), read the secret again and retry once. Driver-agnostic: pass a
// `readSecret` (Secrets Manager GetSecretValue) and a `connect` (pg's `new Client({...}).connect()`, a pool factory).
'use strict';

// PostgreSQL SQLSTATE codes of a refused login: invalid_password and invalid_authorization_specification.
const AUTH_FAILURES = new Set(['28P01', '28000']);

/** Whether an error is the database refusing the credentials (pg sets `code` to the SQLSTATE). */
function isAuthFailure(err) {
  return err !== null && typeof err === 'object' && AUTH_FAILURES.has(err.code);
}

/**
 * A connect function that survives password rotation.
 * @param {{ readSecret: () => Promise<{ username: string, password: string }>,
 *           connect: (credentials: { username: string, password: string }) => Promise<unknown> }} deps
 */
function rotationSafeConnect({ readSecret, connect }) {
  let cached;
  const credentials = async (fresh) => {
    if (fresh || cached === undefined) cached = readSecret();
    try {
      return await cached;
    } catch (err) {
      cached = undefined;
      throw err;
    }
  };
  return async () => {
    try {
      return await connect(await credentials(false));
    } catch (err) {
      if (!isAuthFailure(err)) throw err;
      // RDS rotated the password since the secret was read: read it again, once. A second refusal is real.
      return connect(await credentials(true));
    }
  };
}

/** Read the RDS-managed secret (JSON with username and password) with a Secrets Manager client. */
function secretsManagerReader(client, GetSecretValueCommand, secretArn) {
  return async () => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const value = JSON.parse(out.SecretString ?? '{}');
    return { username: value.username, password: value.password };
  };
}

module.exports = { rotationSafeConnect, secretsManagerReader, isAuthFailure };
