// How HSDS 3.0 nests its records, and where Braid stores each kind. Import walks a document with this
// map and writes rows; export walks the rows back into documents with the same map.

export const ENTITY_KINDS = ['organization', 'program', 'taxonomy', 'taxonomy_term', 'location', 'service', 'service_at_location'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const OWNED_TABLES = {
  phone: 'hsds_phone',
  schedule: 'hsds_schedule',
  contact: 'hsds_contact',
  address: 'hsds_address',
  language: 'hsds_language',
  cost_option: 'hsds_cost_option',
  required_document: 'hsds_required_document',
  service_area: 'hsds_service_area',
  funding: 'hsds_funding',
  accessibility: 'hsds_accessibility',
  organization_identifier: 'hsds_organization_identifier',
  attribute: 'hsds_attribute',
  metadata: 'hsds_metadata',
} as const;
export type OwnedKind = keyof typeof OWNED_TABLES;
export type OwnedTable = (typeof OWNED_TABLES)[OwnedKind];
export type Kind = EntityKind | OwnedKind;

export const isOwned = (kind: Kind): kind is OwnedKind => kind in OWNED_TABLES;

interface Child {
  kind: Kind;
  many: boolean;
}
const many = (kind: Kind): Child => ({ kind, many: true });
const one = (kind: Kind): Child => ({ kind, many: false });
const common = { attributes: many('attribute'), metadata: many('metadata') };

/** Property → nested kind, in the order HSDS lists them (exports keep that order). */
export const CHILDREN: Record<Kind, Record<string, Child>> = {
  service: {
    phones: many('phone'),
    schedules: many('schedule'),
    service_areas: many('service_area'),
    service_at_locations: many('service_at_location'),
    languages: many('language'),
    organization: one('organization'),
    funding: many('funding'),
    cost_options: many('cost_option'),
    program: one('program'),
    required_documents: many('required_document'),
    contacts: many('contact'),
    ...common,
  },
  organization: {
    funding: many('funding'),
    contacts: many('contact'),
    phones: many('phone'),
    locations: many('location'),
    programs: many('program'),
    organization_identifiers: many('organization_identifier'),
    ...common,
    services: many('service'),
  },
  location: {
    languages: many('language'),
    addresses: many('address'),
    contacts: many('contact'),
    accessibility: many('accessibility'),
    phones: many('phone'),
    schedules: many('schedule'),
    ...common,
  },
  service_at_location: {
    contacts: many('contact'),
    phones: many('phone'),
    schedules: many('schedule'),
    location: one('location'),
    ...common,
    service: one('service'),
  },
  contact: { phones: many('phone'), ...common },
  phone: { languages: many('language'), ...common },
  attribute: { taxonomy_term: one('taxonomy_term'), metadata: many('metadata') },
  taxonomy_term: { taxonomy_detail: one('taxonomy'), metadata: many('metadata') },
  taxonomy: { metadata: many('metadata') },
  program: { ...common },
  schedule: { ...common },
  address: { ...common },
  language: { ...common },
  cost_option: { ...common },
  required_document: { ...common },
  service_area: { ...common },
  funding: { ...common },
  accessibility: { ...common },
  organization_identifier: { ...common },
  metadata: {},
};

/** Nested properties left out when a kind sits inside another (they would point back at the parent). */
export const BACK_REFERENCES: Partial<Record<Kind, Partial<Record<string, string[]>>>> = {
  service: { organization: ['services'], service_at_locations: ['service'] },
  organization: { services: ['organization'] },
  service_at_location: { service: ['service_at_locations'] },
};

export function scalars(kind: Kind, doc: Record<string, unknown>): Record<string, unknown> {
  const nested = CHILDREN[kind];
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !(k in nested)));
}
