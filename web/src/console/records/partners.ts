// Escalation partners (GET /api/partners), loaded once per console and grouped by kind for the pickers.
import type { TPartner, TPartnerKind } from '@abri/contracts';
import { api } from '../../api/client.ts';
import { useLoad } from '../../ui/use-load.ts';
import { PARTNER_KINDS } from './constants.ts';

let cache: TPartner[] | null = null;

export function usePartners() {
  return useLoad(async () => {
    cache ??= await api.get<TPartner[]>('/api/partners');
    return cache;
  }, []);
}

/** Forget the list (after an administrator edited a partner). */
export function invalidatePartners(): void {
  cache = null;
}

/** Active partners by kind, in the contracts' order of kinds; `keep` stays listed even if inactive. */
export function partnersByKind(partners: readonly TPartner[], keep?: string | null) {
  return PARTNER_KINDS.map((kind: TPartnerKind) => ({
    kind,
    partners: partners.filter((partner) => partner.kind === kind && (partner.active || partner.id === keep)),
  })).filter((group) => group.partners.length > 0);
}
