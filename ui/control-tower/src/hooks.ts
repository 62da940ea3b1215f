import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void }

/**
 * Loads with `load` whenever `deps` change and, with `intervalMs`, again on that interval while `keepPolling`
 * says so (live progress: the rollout and drill pages poll until the work finishes).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], intervalMs?: number, keepPolling?: (data: T) => boolean): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const result = await loadRef.current();
        if (cancelled) return;
        setData(result);
        setError(undefined);
        if (intervalMs && (!keepPolling || keepPolling(result))) timer = setTimeout(run, intervalMs);
      } catch (e) {
        if (cancelled) return;
        setError(e as Error);
        if (intervalMs) timer = setTimeout(run, intervalMs * 2);
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    setLoading(true);
    void run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  return { data, error, loading, reload };
}
