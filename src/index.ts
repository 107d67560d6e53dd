/**
 * The library API: `audit(inputs, options)` reads the exports and returns the whole result; the writers turn
 * a result into report files. The `ccm` CLI is a thin shell over exactly these.
 */
export { audit, type AuditOptions, type AuditOutcome } from './audit.js';
export type { AuditResult, AuditSummary } from './audit-types.js';
export { applyBaseline, createBaseline, parseBaseline, type Baseline } from './baseline.js';
export type { ClaimLine, PatientMonth, PatientMonthStatus } from './billing/types.js';
export { parseConfig } from './config/load.js';
export { ConfigSchema, type Config } from './config/schema.js';
export { CcmError } from './errors.js';
export { inspectInputs, renderInspection } from './inspect.js';
export type { BilledService, CarePlan, Consent, Diagnosis, SourceRef, TimeEntry } from './model/schema.js';
export type { InputSpec } from './normalize/ingest.js';
export type { XlsxReader } from './read/xlsx.js';
export { redactResult } from './report/redact.js';
export { REPORT_FILES, REPORT_FORMATS, writeReports, type ReportFormat } from './report/write.js';
export { RULES } from './rules/index.js';
export type { Finding, Severity } from './rules/types.js';
