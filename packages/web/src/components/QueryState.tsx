import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from './ErrorAlert.js';

/** Props of {@link QueryState}. */
export interface QueryStateProps<T> {
  readonly query: UseQueryResult<T>;
  /** What is loading, for the error title ("Could not load the participants"). */
  readonly what: string;
  readonly children: (data: T) => ReactNode;
}

/** Renders a query's data, a spinner while it loads, or the server's message when it failed. */
export function QueryState<T>({ query, what, children }: QueryStateProps<T>): ReactNode {
  if (query.isPending) {
    return (
      <Center p="lg">
        <Loader aria-label={`Loading ${what}`} />
      </Center>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} title={`Could not load ${what}`} />;
  return children(query.data);
}
