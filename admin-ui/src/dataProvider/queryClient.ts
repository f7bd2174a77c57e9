/**
 * The console's react-query client. A 4xx is an answer, not a failure: 401 means "not logged
 * in", 403 "not allowed", 404 "not there", 409/422 "look at your input" — asking again cannot
 * change it, so it is never retried (react-query's default retries every error three times, at
 * 1, 2 and 4 s: the login page waited eight seconds for three more 401s from GET /auth/me).
 * A network failure or a 5xx is retried twice, as before.
 */
import { QueryClient } from '@tanstack/react-query';

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function shouldRetry(failures: number, error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failures < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } });
}
