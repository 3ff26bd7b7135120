import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../core/api';

export function usePostpartumContacts(pregnancyId: number) {
  return useQuery({
    queryKey: ['pregnancies', pregnancyId, 'postpartum-contacts'],
    queryFn: () =>
      unwrap(
        api.GET('/pregnancies/{id}/postpartum-contacts', {
          params: { path: { id: pregnancyId } },
        }),
      ),
  });
}

/** A contact re-grades her and may close the case: the whole record is read again. */
export function useRecordPostpartumContact(pregnancyId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['PostpartumContactDto']) =>
      unwrap(
        api.POST('/pregnancies/{id}/postpartum-contacts', {
          params: { path: { id: pregnancyId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['pregnancies', pregnancyId] }),
  });
}

export function useBreastfeedingFollowUps(newbornId: number) {
  return useQuery({
    queryKey: ['newborns', newbornId, 'breastfeeding-follow-ups'],
    queryFn: () =>
      unwrap(
        api.GET('/newborns/{id}/breastfeeding-follow-ups', {
          params: { path: { id: newbornId } },
        }),
      ),
  });
}

export function useRecordFollowUp(newbornId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['BreastfeedingFollowUpDto']) =>
      unwrap(
        api.POST('/newborns/{id}/breastfeeding-follow-ups', {
          params: { path: { id: newbornId } },
          body,
        }),
      ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: ['newborns', newbornId, 'breastfeeding-follow-ups'] }),
  });
}

export function useSetReferralOutcome(newbornId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, referralOutcome }: { id: number; referralOutcome: string }) =>
      unwrap(
        api.PATCH('/breastfeeding-follow-ups/{id}/referral-outcome', {
          params: { path: { id } },
          body: { referralOutcome },
        }),
      ),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: ['newborns', newbornId, 'breastfeeding-follow-ups'] }),
  });
}
