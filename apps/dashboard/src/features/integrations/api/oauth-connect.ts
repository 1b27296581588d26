import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** The redirect URI to register with Microsoft or Google: {PUBLIC_BASE_URL}/v1/oauth2/callback, as the API knows it. */
export function useRedirectUri() {
  return useQuery({
    queryKey: ['oauth2', 'redirect-uri'],
    queryFn: () => unwrap(api.GET('/v1/oauth2/redirect-uri')),
    staleTime: Infinity,
  });
}

/** The query parameter the connect flow comes back with, so the page can say that it worked. */
export const CONNECTED_PARAM = 'connected';

/**
 * Connect: the API gives the provider's consent URL (PKCE, single-use state) and the browser goes
 * there; the provider sends it to the callback, which stores the refresh token and sends it back here.
 */
export function useConnectIntegration(ws: string, id: string) {
  return useMutation({
    mutationFn: () => {
      const returnUrl = new URL(`/w/${ws}/integrations/${id}`, window.location.origin);
      returnUrl.searchParams.set(CONNECTED_PARAM, '1');
      return unwrap(
        api.POST('/v1/workspaces/{ws}/integrations/{id}/oauth2/authorize', {
          params: { path: { ws, id } },
          body: { returnUrl: returnUrl.href },
        }),
      );
    },
    onSuccess: ({ authorizationUrl }) => window.location.assign(authorizationUrl),
  });
}
