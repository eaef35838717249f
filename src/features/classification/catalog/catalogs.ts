/**
 * Two admin-defined catalogs share one shape — groups, and items with a unique code,
 * a name and an optional group — and one set of screens:
 * customer properties (ominaisuudet, R-REG-6) and contact-person properties
 * (markkinointiryhmät) grouped by contact-person groups (yhteyshenkilöryhmät, R-REG-7).
 */
export type Catalog = {
  /** URL under /settings, and the template folder's variable part. */
  base: '/settings/properties' | '/settings/contact-person-properties';
  /** i18n key prefix of the catalog's own texts. */
  texts: 'classification.properties' | 'classification.cpProperties';
  groupTable: 'property_groups' | 'contact_person_groups';
  itemTable: 'properties' | 'contact_person_properties';
  linkTable: 'customer_properties' | 'contact_person_property_links';
  /** Whose links: customers, or contact persons. */
  owner: 'customer' | 'contact_person';
  /** audit entity of the admin rows and of a customer's link */
  groupEntity: string;
  itemEntity: string;
  linkEntity: 'property' | 'contact_person_property';
};

export const customerPropertyCatalog: Catalog = {
  base: '/settings/properties',
  texts: 'classification.properties',
  groupTable: 'property_groups',
  itemTable: 'properties',
  linkTable: 'customer_properties',
  owner: 'customer',
  groupEntity: 'property_group',
  itemEntity: 'property_definition',
  linkEntity: 'property',
};

export const contactPersonPropertyCatalog: Catalog = {
  base: '/settings/contact-person-properties',
  texts: 'classification.cpProperties',
  groupTable: 'contact_person_groups',
  itemTable: 'contact_person_properties',
  linkTable: 'contact_person_property_links',
  owner: 'contact_person',
  groupEntity: 'contact_person_group',
  itemEntity: 'contact_person_property_definition',
  linkEntity: 'contact_person_property',
};
