import { MantineProvider, createTheme, darken, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { queryClient } from '@/lib/query-client';

/**
 * Mantine's defaults put white on blue.6 and dimmed text on gray.6, both under WCAG AA's 4.5:1
 * (axe reports them as serious); one shade darker in light mode, lighter in dark mode, passes.
 */
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  // Dialogs and menus appear without fading for people who ask their system for less motion.
  respectReducedMotion: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

/** Light-variant text (alerts, badges) drawn darker than each colour's darkest shade: yellow.9 on its pale background is only 2.7:1. */
const LIGHT_VARIANT_COLOURS = ['blue', 'red', 'yellow', 'orange', 'green', 'teal', 'gray', 'violet', 'grape', 'cyan'];

const readableText: CSSVariablesResolver = (resolved) => ({
  variables: {},
  // Field errors: red.6 on white is 3.3:1, red.9 is 5.5:1; in dark mode red.4 reaches 5.9:1.
  light: {
    '--mantine-color-error': resolved.colors.red[9],
    '--mantine-color-dimmed': resolved.colors.gray[7],
    ...Object.fromEntries(
      LIGHT_VARIANT_COLOURS.map((colour) => [`--mantine-color-${colour}-light-color`, darken(resolved.colors[colour][9], 0.35)]),
    ),
  },
  dark: { '--mantine-color-dimmed': resolved.colors.dark[1], '--mantine-color-error': resolved.colors.red[4] },
});

/** Server state in TanStack Query; light or dark as the system says until the person chooses. */
export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={readableText}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
