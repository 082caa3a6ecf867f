/**
 * The two GitHub REST calls `landfall github check` makes, through the `fetch` it is given (tests pass a fake).
 * GitHub REST API: "Get an environment" (GET /repos/{owner}/{repo}/environments/{environment_name}) and "List
 * deployment branch policies" (GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies).
 */
import { CliError, EXIT } from '../errors';
import type { BranchPolicy, GithubEnvironment } from './environments';

export type Fetch = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<{
  readonly status: number;
  json(): Promise<unknown>;
}>;

export interface GithubApi {
  /** The environment, or `undefined` when it does not exist (404). */
  environment(name: string): Promise<GithubEnvironment | undefined>;
  branchPolicies(name: string): Promise<BranchPolicy[]>;
}

export function githubApi(fetchFn: Fetch, repository: string, token: string, baseUrl: string): GithubApi {
  const headers = {
    Accept: 'application/vnd.github+json',
    Authorization: `Bearer ${token}`,
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': 'landfall-github-check',
  };
  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const url = `${baseUrl.replace(/\/$/, '')}/repos/${repository}${path}`;
    let response: Awaited<ReturnType<Fetch>>;
    try {
      response = await fetchFn(url, { headers });
    } catch (err) {
      throw new CliError(`GET ${url} failed: ${err instanceof Error ? err.message : String(err)}`, EXIT.aws);
    }
    if (response.status === 401)
      throw new CliError(
        `GitHub refused the token (401) for GET ${url}`,
        EXIT.aws,
        'set GITHUB_TOKEN to a valid token',
      );
    if (response.status === 403)
      throw new CliError(
        `GitHub denied GET ${url} (403)`,
        EXIT.aws,
        `the token needs read access to the repository's administration (fine-grained: "Administration: read"; classic: repo)`,
      );
    if (response.status === 404) return { status: 404, body: undefined };
    if (response.status < 200 || response.status >= 300)
      throw new CliError(`GitHub answered ${response.status} for GET ${url}`, EXIT.aws);
    return { status: response.status, body: await response.json() };
  };
  const environmentPath = (name: string) => `/environments/${encodeURIComponent(name)}`;
  return {
    async environment(name) {
      const { status, body } = await get(environmentPath(name));
      return status === 404 ? undefined : (body as GithubEnvironment);
    },
    async branchPolicies(name) {
      const policies: BranchPolicy[] = [];
      for (let page = 1; ; page += 1) {
        const { body } = await get(`${environmentPath(name)}/deployment-branch-policies?per_page=100&page=${page}`);
        const batch = (body as { branch_policies?: BranchPolicy[] } | undefined)?.branch_policies ?? [];
        policies.push(...batch);
        if (batch.length < 100) return policies;
      }
    },
  };
}
