// The example services' pattern for credentials RDS rotates (services/api/db-credentials.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rotationSafeConnect } = require('../../services/api/db-credentials.js') as {
  rotationSafeConnect: (deps: {
    readSecret: () => Promise<{ username: string; password: string }>;
    connect: (c: { username: string; password: string }) => Promise<string>;
  }) => () => Promise<string>;
};

const refused = Object.assign(new Error('password authentication failed for user "landfall_admin"'), { code: '28P01' });

describe('rotation-safe connect (example services)', () => {
  it('reads the secret once for many connections', async () => {
    const readSecret = jest.fn(async () => ({ username: 'landfall_admin', password: 'old' }));
    const connect = rotationSafeConnect({ readSecret, connect: async (c) => c.password });
    await connect();
    await connect();
    expect(readSecret).toHaveBeenCalledTimes(1);
  });

  it('re-reads the secret and retries once when the database refuses the password (after a rotation)', async () => {
    const passwords = ['old', 'new'];
    const readSecret = jest.fn(async () => ({ username: 'landfall_admin', password: passwords.shift() ?? 'none' }));
    const connect = rotationSafeConnect({
      readSecret,
      connect: async (c) => {
        if (c.password === 'old') throw refused;
        return `connected with ${c.password}`;
      },
    });
    await expect(connect()).resolves.toBe('connected with new');
    expect(readSecret).toHaveBeenCalledTimes(2);
  });

  it('does not re-read the secret for errors other than a refused login', async () => {
    const readSecret = jest.fn(async () => ({ username: 'u', password: 'p' }));
    const timeout = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
    const connect = rotationSafeConnect({ readSecret, connect: async () => Promise.reject(timeout) });
    await expect(connect()).rejects.toBe(timeout);
    expect(readSecret).toHaveBeenCalledTimes(1);
  });

  it('gives up after one retry when the fresh password is refused too', async () => {
    const readSecret = jest.fn(async () => ({ username: 'u', password: 'p' }));
    const connect = rotationSafeConnect({ readSecret, connect: async () => Promise.reject(refused) });
    await expect(connect()).rejects.toBe(refused);
    expect(readSecret).toHaveBeenCalledTimes(2);
  });
});
