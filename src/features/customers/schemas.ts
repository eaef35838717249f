import { z } from 'zod';
import {
  countryCode,
  optionalBusinessId,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalPhone,
  optionalPostalCode,
  optionalText,
} from '../../lib/validation.js';

/**
 * The customer fields (R-REG-1) as the form and the API send them (camelCase). The
 * kind arrives as `kindId` from the form; the API maps its `kind` code to it first.
 */
const common = {
  kindId: optionalId(),
  streetAddress: optionalText(200),
  postalCode: optionalPostalCode(),
  city: optionalText(100),
  country: countryCode(),
  phone: optionalPhone(),
  mobile: optionalPhone(),
  email: optionalEmail(),
  language: z.preprocess(
    (v) => (v === '' || v == null ? 'fi' : v),
    z.enum(['fi', 'sv', 'en'], { error: 'validation.invalid' }),
  ),
  accountManagerId: optionalId(),
  relationshipStart: optionalDate(),
  notes: optionalText(5000),
  groupId: optionalId(),
  externalId: optionalText(100),
};

export const personSchema = z.object({
  type: z.literal('person'),
  firstName: optionalText(100).refine((v) => v !== null, { error: 'validation.required' }),
  lastName: optionalText(100).refine((v) => v !== null, { error: 'validation.required' }),
  companyId: optionalId(),
  departmentId: optionalId(),
  /** A department typed by name: found or created under the company when saved. */
  departmentName: optionalText(100),
  ...common,
});

export const organisationSchema = z.object({
  type: z.literal('organisation'),
  name: optionalText(200).refine((v) => v !== null, { error: 'validation.required' }),
  businessId: optionalBusinessId(),
  ...common,
});

export const customerSchema = z.discriminatedUnion('type', [personSchema, organisationSchema], {
  error: 'validation.required',
});

export type CustomerInput = z.output<typeof customerSchema>;

/** Finnish postal codes are five digits; other countries' codes are kept as typed. */
export function postalCodeProblem(input: { country: string; postalCode: string | null }) {
  return input.country === 'FI' && input.postalCode && !/^\d{5}$/.test(input.postalCode)
    ? ('validation.postalCode' as const)
    : null;
}

export const contactPersonSchema = z.object({
  firstName: optionalText(100).refine((v) => v !== null, { error: 'validation.required' }),
  lastName: optionalText(100).refine((v) => v !== null, { error: 'validation.required' }),
  title: optionalText(100),
  email: optionalEmail(),
  phone: optionalPhone(),
  mobile: optionalPhone(),
  language: z.preprocess(
    (v) => (v === '' || v == null ? 'fi' : v),
    z.enum(['fi', 'sv', 'en'], { error: 'validation.invalid' }),
  ),
  notes: optionalText(5000),
});

export type ContactPersonInput = z.output<typeof contactPersonSchema>;
