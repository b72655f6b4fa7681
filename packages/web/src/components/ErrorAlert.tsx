import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { ApiError, errorMessage } from '../api/api-error.js';

/** Props of {@link ErrorAlert}. */
export interface ErrorAlertProps {
  readonly error: unknown;
  /** What was being done, e.g. "Could not save the form". */
  readonly title?: string;
}

/** Shows a failed request with the server's own message (and the field it names), never a blank page. */
export function ErrorAlert({ error, title = 'The request failed' }: ErrorAlertProps): ReactNode {
  const path = error instanceof ApiError ? error.path : undefined;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
      {path === undefined ? null : ` (field: ${path})`}
    </Alert>
  );
}
