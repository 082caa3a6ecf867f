import { requirePythonModule } from './gates';

describe('requirePythonModule (how the moto integration tests decide to run)', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('finds an installed module', () => {
    expect(requirePythonModule('json')).toBe(true);
  });

  it('skips with a clear message when the module is missing outside CI', () => {
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requirePythonModule('landfall_no_such_module')).toBe(false);
    expect(warn).toHaveBeenCalledWith(
      'SKIPPED: the Python module landfall_no_such_module is not installed (python3 -c "import landfall_no_such_module" fails); the tests that need it are skipped (in CI they fail)',
    );
    warn.mockRestore();
  });

  it('fails when the module is missing in CI', () => {
    process.env.CI = 'true';
    expect(() => requirePythonModule('landfall_no_such_module')).toThrow(
      'the Python module landfall_no_such_module is required in CI (CI=true) but `python3 -c "import landfall_no_such_module"` fails',
    );
  });
});
