import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, darken, Select } from '@mantine/core';

// Mantine's light-scheme defaults put several text colors below WCAG 2.1 AA (4.5:1): dimmed text,
// error text, and the "light"/"outline" variants of badges and alerts. Everything here darkens them.

export const theme = createTheme({
  primaryColor: 'indigo',
  // indigo-7 on white is 5:1; the default shade 6 is 4.3:1.
  primaryShade: 7,
  defaultRadius: 'sm',
  focusRing: 'auto',
  // People who ask their system for less motion get no transitions.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Tall enough that option lists never scroll: a scrolling region would have to be reachable by
    // Tab in its own right (WCAG 2.1.1), which a listbox driven from its input is not. Long lists
    // (code lists, organizations) show their first matches and narrow as the person types.
    // Dropdowns open in place, inside the page's landmarks, rather than in a portal at the end of <body>.
    Select: Select.extend({ defaultProps: { maxDropdownHeight: 440, comboboxProps: { withinPortal: false } } }),
  },
});

const readable = (color: string) => darken(DEFAULT_THEME.colors[color][9], 0.25);

export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': 'var(--mantine-color-indigo-8)',
  };
  for (const color of Object.keys(DEFAULT_THEME.colors)) {
    light[`--mantine-color-${color}-light-color`] = readable(color);
    light[`--mantine-color-${color}-outline`] = readable(color);
    if (color !== 'indigo') {
      light[`--mantine-color-${color}-filled`] = darken(DEFAULT_THEME.colors[color][9], 0.1);
      light[`--mantine-color-${color}-filled-hover`] = readable(color);
    }
  }
  return { variables: {}, light, dark: {} };
};
