import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/api/schema';

export type Contact = components['schemas']['ContactResponse'];
export type ContactChanges = components['schemas']['UpdateContactDto'];
export type NewContact = components['schemas']['UpsertContactDto'];

const contactsKey = (ws: string) => ['contacts', ws] as const;

/** One page of the workspace's contacts; `email` finds the one with that address. */
export function useContacts(ws: string, query: { email?: string; cursor?: string }) {
  return useQuery({
    queryKey: [...contactsKey(ws), 'page', query],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/contacts', { params: { path: { ws }, query } })),
    // The table keeps its rows while the next page loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useContact(ws: string, id: string) {
  return useQuery({
    queryKey: [...contactsKey(ws), 'one', id],
    queryFn: () => unwrap(api.GET('/v1/workspaces/{ws}/contacts/{id}', { params: { path: { ws, id } } })),
  });
}

/** Creates the contact, or updates the one that has the address: `created` says which. */
export function useSaveNewContact(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewContact) => {
      const answer = api.POST('/v1/workspaces/{ws}/contacts', { params: { path: { ws } }, body });
      const contact = await unwrap(answer);
      return { contact, created: (await answer).response.status === 201 };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsKey(ws) }),
  });
}

export function useUpdateContact(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactChanges) => unwrap(api.PATCH('/v1/workspaces/{ws}/contacts/{id}', { params: { path: { ws, id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsKey(ws) }),
  });
}

export function useDeleteContact(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/workspaces/{ws}/contacts/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.removeQueries({ queryKey: [...contactsKey(ws), 'one', id] }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsKey(ws) }),
  });
}
