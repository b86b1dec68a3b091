/**
 * Retries `check` until it stops throwing (at most `attempts` times, `intervalMs` apart), for effects
 * that happen just after an answer was sent (onResponse hooks). Rethrows the last failure.
 */
export async function eventually<T>(check: () => Promise<T>, attempts = 50, intervalMs = 50): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw lastError;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
