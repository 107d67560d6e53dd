import { z } from 'zod';
import { isValidNpi } from '../normalize/codes.js';
import { FIELDS, INPUT_KINDS, headerKey } from '../normalize/columns.js';
import { ConsentStanding, Program, StaffRole } from '../model/schema.js';
import { RULES } from '../rules/index.js';

const SeverityOrOff = z.enum(['off', 'error', 'warning', 'info']);

/** Per rule: "off", a severity, or {severity, options} with that rule's own option schema, so editors can complete them. */
const RulesSchema = z.strictObject(
  Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      z.union([SeverityOrOff, z.strictObject({ severity: SeverityOrOff.optional(), options: rule.options.optional() })]).optional().describe(rule.description),
    ]),
  ),
);

/** Per kind: field name → the exact header text that holds it. */
/** Two fields mapped to one header: a column holds one field, and the second mapping would be dropped unseen. */
function oneFieldPerHeader(map: Record<string, string | undefined>, ctx: z.RefinementCtx): void {
  const byHeader = new Map<string, string>();
  for (const [field, header] of Object.entries(map)) {
    if (header === undefined) continue;
    const first = byHeader.get(headerKey(header));
    if (first === undefined) byHeader.set(headerKey(header), field);
    else ctx.addIssue({ code: 'custom', path: [field], message: `"${first}" and "${field}" both name the header "${header}"; a column holds one field` });
  }
}

const ColumnsSchema = z.strictObject(
  Object.fromEntries(
    INPUT_KINDS.map((kind) => [
      kind,
      z
        .strictObject(Object.fromEntries(Object.keys(FIELDS[kind]).map((field) => [field, z.string().min(1).optional()])))
        .superRefine(oneFieldPerHeader)
        .optional(),
    ]),
  ) as Record<(typeof INPUT_KINDS)[number], z.ZodOptional<z.ZodObject>>,
);

/**
 * `ccm.config.json`. Strict: an unknown key is an error, so a typo never silently does nothing.
 * schema/ccm.config.schema.json is generated from this and kept in step by a test.
 */
export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
      .optional()
      .describe('Audit only this calendar month (YYYY-MM).'),
    dateOrder: z.enum(['mdy', 'dmy']).optional().describe('How to read ambiguous dates like 03/07/2025: month first (mdy, default) or day first (dmy).'),
    columns: ColumnsSchema.optional().describe('Map a field to a header your export uses, per input kind.'),
    credentials: z
      .record(z.string(), StaffRole.exclude(['unknown']))
      .optional()
      .describe('Classify credentials or job titles the built-in table does not know, e.g. {"Care Coordinator": "clinical-staff"}.'),
    programs: z
      .record(z.string(), Program.exclude(['unknown']))
      .optional()
      .describe('Classify program labels the built-in names do not recognize, e.g. {"Care Management": "ccm"}; "other" marks a label as a non-CCM program.'),
    consentStatuses: z
      .record(z.string(), ConsentStanding.exclude(['unrecognized']))
      .optional()
      .describe(
        'Classify consent statuses the built-in words do not recognize, e.g. {"Enrolled": "accepted"}; matched ignoring case and punctuation. "pending" and "declined" are not consent.',
      ),
    entryStatuses: z
      .record(z.string(), z.enum(['active', 'withdrawn']))
      .optional()
      .describe(
        'Classify time-entry statuses the built-in words do not recognize, e.g. {"Locked by QA": "active"}; matched ignoring case and punctuation. "withdrawn" leaves the entry out, as a deleted one.',
      ),
    rules: RulesSchema.optional().describe('Per rule id: "off", a severity, or {severity, options}.'),
    billing: z
      .strictObject({
        dateOfService: z.enum(['month-end', 'threshold-met']).optional(),
        placeOfService: z.string().regex(/^\d{2}$/, 'expected a two-digit place-of-service code').optional(),
        // Every claims.csv line of a month without an NPI on its entries carries it: a typo must not reach them.
        defaultNpi: z.string().regex(/^\d{10}$/, 'expected a 10-digit NPI').refine(isValidNpi, 'fails the NPI check digit').optional(),
        feeSchedule: z.string().optional().describe('Path to a fee schedule CSV (year,code,amount), relative to the config file.'),
      })
      .optional(),
    failOn: z.enum(['error', 'warning', 'info', 'never']).optional(),
    limits: z
      .strictObject({
        maxRows: z.number().int().positive().optional(),
        maxCellChars: z.number().int().positive().optional(),
        maxUncompressedMB: z.number().positive().optional(),
        maxCompressionRatio: z.number().positive().optional(),
      })
      .optional()
      .describe('Resource limits for untrusted inputs; the defaults are far above any real export.'),
  })
  .describe('ccm configuration');

export type Config = z.infer<typeof ConfigSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { target: 'draft-2020-12', io: 'input' });
}
