import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale, Permission } from '../../../shared/roles.ts';
import type { Me } from '../../../shared/schemas/auth.ts';
import { api, setCsrfToken } from '../../api/client.ts';
import { applyLocale } from '../../i18n/i18n.ts';

// Who is signed in: GET /api/me, cached under ['me']. The signed-in part of the router loads it
// before rendering, so inside the app shell useMe() always has an answer.

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async () => {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    await applyLocale(me.user.locale);
    return me;
  },
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (!data) throw new Error('useMe() is only available inside the signed-in app');
  return data;
}

export function usePermissions(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.permissions.includes(permission);
}

// A language picked on the sign-in page is a deliberate choice: it is saved to the profile once the
// person signs in, instead of being overridden by the locale stored there.
let pickedBeforeSignIn: Locale | null = null;
export function pickLanguageBeforeSignIn(locale: Locale): void {
  pickedBeforeSignIn = locale;
}

export async function startSession(queryClient: QueryClient, me: Me): Promise<void> {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQuery.queryKey, me);
  const picked = pickedBeforeSignIn;
  pickedBeforeSignIn = null;
  if (picked && picked !== me.user.locale) {
    try {
      await saveLanguage(queryClient, picked);
      return;
    } catch {
      // Not worth blocking sign-in over: the profile language applies instead.
    }
  }
  await applyLocale(me.user.locale);
}

/** Switches at once, then remembers it in the profile (so email and other devices follow). */
export async function saveLanguage(queryClient: QueryClient, locale: Locale): Promise<void> {
  await applyLocale(locale);
  await api.patch('/account/profile', { locale });
  const me = queryClient.getQueryData(meQuery.queryKey);
  if (me) queryClient.setQueryData(meQuery.queryKey, { ...me, user: { ...me.user, locale } });
}

/** Forget everything cached for the person who just signed out. */
export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.clear();
}
