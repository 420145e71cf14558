// Load something from the API for a page: the value, the error, a reload, and a setter for the value a
// save returned. A later load wins over an earlier one still in flight.
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  const run = useCallback(
    async () => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const value = await load();
        if (mine === generation.current) setData(value);
      } catch (caught) {
        if (mine === generation.current) setError(caught);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
    deps,
  );

  useEffect(() => {
    void run();
    return () => {
      generation.current++;
    };
  }, [run]);

  return { data, setData, error, loading, reload: run };
}
