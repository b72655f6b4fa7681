import { createTheme } from '@mantine/core';

// Shade 8 of blue on white is 4.9:1 (WCAG AA for text); Mantine's default shade 6 is 3.5:1.
/** The app's Mantine theme: readable contrast and a focus ring on keyboard focus. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
  other: {},
});
