import { useId, useRef, useState, type ReactNode } from 'react';
import { Button, Paper, Stack, Text } from '@mantine/core';

/** Props of {@link FileDrop}. */
export interface FileDropProps {
  readonly label: string;
  readonly accept: string;
  readonly onFiles: (files: File[]) => void;
}

/**
 * A drop zone for files that also works from the keyboard (its button opens the file picker) and announces
 * what it accepts.
 */
export function FileDrop({ label, accept, onFiles }: FileDropProps): ReactNode {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  return (
    <Paper
      withBorder
      p="lg"
      {...(over ? { bg: 'blue.0' } : {})}
      style={{ borderStyle: 'dashed', borderWidth: 2 }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      }}
    >
      <Stack align="center" gap="xs">
        <Text id={hintId}>Drop {label} here, or</Text>
        <Button variant="light" onClick={() => input.current?.click()} aria-describedby={hintId}>
          Choose files
        </Button>
        <input
          ref={input}
          type="file"
          accept={accept}
          multiple
          hidden
          aria-label={label}
          data-testid="file-input"
          onChange={(e) => {
            onFiles([...(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
      </Stack>
    </Paper>
  );
}
