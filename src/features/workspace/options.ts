import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

type Coded = { code: string; name: string };
type GroupOption = { id: number; name: string; depth: number };
type ProfileFieldOption = { code: string; title: string; type: string; values: Coded[] };
type Titled = { name: string | null; items: Coded[] };

export type CriteriaOptions = {
  kinds: (Coded & { isAgent: boolean })[];
  groups: GroupOption[];
  staff: { username: string; name: string }[];
  tracking: (Coded & { values: Coded[] })[];
  propertyGroups: Titled[];
  contactPersonGroups: Titled[];
  profileFields: ProfileFieldOption[];
  destinationTypes: Coded[];
  contactTypes: Coded[];
};

/** Everything the criteria form offers to pick from: small tables, one query each. */
export async function criteriaOptions(db: Db, language: 'fi' | 'en'): Promise<CriteriaOptions> {
  const [
    kinds,
    groups,
    staff,
    tracking,
    propertyGroups,
    contactPersonGroups,
    profileFields,
    destinations,
    contacts,
  ] = await Promise.all([
    db.execute<Coded & { isAgent: boolean }>(sql`
        select code, ${language === 'fi' ? sql`name_fi` : sql`name_en`} as name, is_agent as "isAgent"
        from customer_kinds order by range_start`),
    db.execute<GroupOption>(sql`
        with recursive tree as (
          select id, name, 0 as depth, array[lower(name), lpad(id::text, 10, '0')] as path
          from customer_groups where parent_id is null
          union all
          select g.id, g.name, t.depth + 1, t.path || lower(g.name) || lpad(g.id::text, 10, '0')
          from customer_groups g join tree t on g.parent_id = t.id
        ) select id, name, depth from tree order by path`),
    db.execute<{ username: string; name: string }>(sql`
        select username, display_name as name from users where active order by display_name, username`),
    db.execute<Coded & { values: Coded[] }>(sql`
        select d.code, d.name,
          coalesce((select json_agg(json_build_object('code', v.code, 'name', v.name) order by v.sort, v.name)
                    from tracking_values v where v.dimension_id = d.id), '[]') as values
        from tracking_dimensions d order by d.sort, d.name`),
    db.execute<Titled>(sql`
        select g.name, json_agg(json_build_object('code', p.code, 'name', p.name) order by p.name) as items
        from properties p left join property_groups g on g.id = p.group_id
        group by g.id, g.name order by g.name nulls last`),
    db.execute<Titled>(sql`
        select g.name, json_agg(json_build_object('code', p.code, 'name', p.name) order by p.name) as items
        from contact_person_properties p left join contact_person_groups g on g.id = p.group_id
        group by g.id, g.name order by g.name nulls last`),
    db.execute<ProfileFieldOption>(sql`
        select f.code, f.title, f.type::text as type,
          coalesce((select json_agg(json_build_object('code', v.code, 'name', v.label) order by v.sort, v.id)
                    from profile_values v where v.field_id = f.id), '[]') as values
        from profile_fields f order by f.sort, f.id`),
    db.execute<Coded>(sql`select code, name from destination_types order by code`),
    db.execute<Coded>(sql`select code, name from contact_types order by code`),
  ]);
  return {
    kinds: [...kinds],
    groups: [...groups],
    staff: [...staff],
    tracking: [...tracking],
    propertyGroups: [...propertyGroups],
    contactPersonGroups: [...contactPersonGroups],
    profileFields: [...profileFields],
    destinationTypes: [...destinations],
    contactTypes: [...contacts],
  };
}
