import { execFile } from 'node:child_process';

/**
 * The GitHub token: GITHUB_TOKEN, else GH_TOKEN, else what `gh auth token` prints when the
 * GitHub CLI is installed and signed in. Never from a file of ours, never written anywhere.
 */
export async function findGitHubToken(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token'], { timeout: 3000, env }, (error, stdout) => {
      const token = stdout?.toString().trim();
      resolve(!error && token ? token : null);
    });
  });
}
