import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { ME_QUERY_KEY } from '@/lib/query-client';
import type { components } from '@/lib/api/schema';

export type Session = components['schemas']['SessionResponse'];

const SESSIONS_KEY = ['auth', 'sessions'] as const;

export function useSessions() {
  return useQuery({ queryKey: SESSIONS_KEY, queryFn: () => unwrap(api.GET('/v1/auth/sessions')) });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** Every other session ends; this one goes on under a new cookie the answer sets. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['ChangePasswordDto']) => unwrap(api.POST('/v1/auth/password', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** A new secret for an authenticator app, not in force until a code from it is confirmed. */
export function useEnrollSecondFactor() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/v1/auth/totp')) });
}

/** The answer carries the recovery codes, once; `me` then says the second factor is on. */
export function useConfirmSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/v1/auth/totp/confirm', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

export function useDisableSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.DELETE('/v1/auth/totp', { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}
