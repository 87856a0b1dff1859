import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { isApiError, onSessionEnded } from '../api/client.ts';
import { endSession } from '../features/auth/session.ts';
import { makeRouter } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a 4xx only delays the message the person needs to see.
        retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [router] = useState(() => makeRouter(queryClient));

  useEffect(() => {
    onSessionEnded(() => {
      endSession(queryClient);
      const here = router.state.location.href;
      void router.navigate({ to: '/sign-in', search: { redirect: here === '/' ? undefined : here } });
    });
  }, [queryClient, router]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
