import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { ME_QUERY_KEY } from '@/lib/query-client';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['LoginDto']) => unwrap(api.POST('/v1/auth/login', { body })),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/auth/logout')),
    // Nothing of the last person's data stays in memory for the next one at this browser.
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}

export function useSetup() {
  return useMutation({ mutationFn: (body: Schemas['SetupDto']) => unwrap(api.POST('/v1/auth/setup', { body })) });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: (body: Schemas['AcceptInvitationDto']) => unwrap(api.POST('/v1/auth/invitations/accept', { body })) });
}

export function useResetPassword() {
  return useMutation({ mutationFn: (body: Schemas['ResetPasswordDto']) => unwrap(api.POST('/v1/auth/password-reset', { body })) });
}

export function useForgotPassword() {
  return useMutation({ mutationFn: (body: Schemas['ForgotPasswordDto']) => unwrap(api.POST('/v1/auth/forgot-password', { body })) });
}
