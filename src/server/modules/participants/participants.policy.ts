import { DATA_CATEGORIES, type DataCategory } from '../../../shared/schemas/participants.ts';
import type { Executor } from '../../db/tenant.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { notFound } from '../../platform/errors.ts';
import type { Access } from '../../platform/http.ts';
import { coveringConsents, participantOwner } from './participants.queries.ts';

// Who may see and change a participant. Every module of the supply side asks here.
//
// - owner: the caller is a navigator of the organization that holds the case (its caseload);
// - partnership: directors and admins oversee every case of the initiative (participants.read_all);
// - consent: any other organization the caller belongs to (partner staff, navigators elsewhere) sees
//   the participant only while an unrevoked, unexpired consent names that organization or its kind,
//   and only the consented data categories. Checked on every request, so revocation is immediate.
// Anyone else gets 404: a record the caller may not see does not exist for them.

export const participantsPolicy = {
  read: 'participants.read',
  manage: 'participants.manage',
  reveal: 'participants.reveal',
  merge: 'participants.merge',
  import: 'participants.import',
  export: 'participants.export',
  exportDeidentified: 'participants.export_deidentified',
} as const satisfies Record<string, Access>;

/** Roles whose membership makes an organization's participants the caller's caseload. */
const CASELOAD_ROLES = new Set(['navigator']);
/** Roles through which an organization receives consented data. */
const RECIPIENT_ROLES = new Set(['navigator', 'partner_staff', 'director']);

export interface Viewer {
  userId: string;
  label: string;
  all: boolean;
  canManage: boolean;
  canReveal: boolean;
  ownerOrgIds: string[];
  recipientOrgIds: string[];
  /** The caller's first organization, named in disclosures made under partnership oversight. */
  homeOrgId: string | null;
}

export function viewerOf(p: Principal): Viewer {
  return {
    userId: p.userId,
    label: p.email,
    all: p.permissions.has('participants.read_all'),
    canManage: p.permissions.has('participants.manage'),
    canReveal: p.permissions.has('participants.reveal'),
    ownerOrgIds: [...new Set(p.memberships.filter((m) => CASELOAD_ROLES.has(m.role)).map((m) => m.organizationId))],
    recipientOrgIds: [...new Set(p.memberships.filter((m) => RECIPIENT_ROLES.has(m.role)).map((m) => m.organizationId))],
    homeOrgId: p.memberships[0]?.organizationId ?? null,
  };
}

export interface ParticipantAccess {
  participantId: string;
  ownerOrganizationId: string;
  basis: 'owner' | 'partnership' | 'consent';
  categories: DataCategory[];
  canEdit: boolean;
  /** The consents that allow a consent-based view, and their purposes (for the disclosure log). */
  consentIds: string[];
  purposes: string[];
  /** The caller's organization that receives the data, when it is not the owner. */
  recipientOrganizationId: string | null;
}

/** The caller's access to one participant, or null when they may not see it. */
export async function accessTo(db: Executor, viewer: Viewer, participantId: string): Promise<ParticipantAccess | null> {
  const row = await participantOwner(db, participantId);
  if (!row) return null;
  const base = { participantId, ownerOrganizationId: row.owner_organization_id, consentIds: [], purposes: [] };
  if (viewer.ownerOrgIds.includes(row.owner_organization_id)) {
    return { ...base, basis: 'owner', categories: [...DATA_CATEGORIES], canEdit: viewer.canManage, recipientOrganizationId: null };
  }
  if (viewer.all) {
    const recipient = viewer.homeOrgId && viewer.homeOrgId !== row.owner_organization_id ? viewer.homeOrgId : null;
    return {
      ...base,
      basis: 'partnership',
      categories: [...DATA_CATEGORIES],
      canEdit: viewer.canManage,
      recipientOrganizationId: recipient,
    };
  }
  const consents = await coveringConsents(
    db,
    participantId,
    viewer.recipientOrgIds.filter((o) => o !== row.owner_organization_id),
  );
  if (consents.length === 0) return null;
  const categories = new Set<DataCategory>();
  for (const c of consents) for (const cat of c.categories) categories.add(cat as DataCategory);
  return {
    ...base,
    basis: 'consent',
    categories: DATA_CATEGORIES.filter((c) => categories.has(c)),
    canEdit: false,
    consentIds: [...new Set(consents.map((c) => c.id))],
    purposes: [...new Set(consents.map((c) => c.purpose))],
    recipientOrganizationId: consents[0].organization_id,
  };
}

/** Access or 404. */
export async function mustAccess(db: Executor, viewer: Viewer, participantId: string): Promise<ParticipantAccess> {
  const access = await accessTo(db, viewer, participantId);
  if (!access) throw notFound('participant');
  return access;
}

/** Access with the right to change the record, or 404 (a record one may only read is not offered for edit). */
export async function mustEdit(db: Executor, viewer: Viewer, participantId: string): Promise<ParticipantAccess> {
  const access = await mustAccess(db, viewer, participantId);
  if (!access.canEdit) throw notFound('participant');
  return access;
}

/** Access including one data category, or 404. */
export async function mustSeeCategory(
  db: Executor,
  viewer: Viewer,
  participantId: string,
  category: DataCategory,
): Promise<ParticipantAccess> {
  const access = await mustAccess(db, viewer, participantId);
  if (!access.categories.includes(category)) throw notFound('participant');
  return access;
}

export function listBasis(viewer: Viewer, ownerOrganizationId: string): 'owner' | 'partnership' | 'consent' {
  if (viewer.ownerOrgIds.includes(ownerOrganizationId)) return 'owner';
  return viewer.all ? 'partnership' : 'consent';
}
