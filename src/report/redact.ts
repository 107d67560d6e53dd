import { createHmac } from 'node:crypto';
import type { AuditResult } from '../audit-types.js';
import { CcmError } from '../errors.js';
import type { TimeEntry } from '../model/schema.js';
import { isProgramName } from '../normalize/programs.js';
import { fingerprint } from '../rules/engine.js';

/** Short enough to read in a spreadsheet, long enough that two patients never share one in practice. */
const PSEUDONYM_HEX = 12;
export const MIN_SALT_LENGTH = 16;

/**
 * A copy of the result fit to share with a consultant: patient ids replaced by keyed hashes (stable for one
 * salt, so the same patient keeps the same pseudonym across months and runs), patient names, MBIs and note
 * text removed, and fingerprints recomputed from the pseudonyms. An unkeyed hash of an MRN would be
 * reversed by trying every MRN, hence the secret salt.
 *
 * Cell text that could not be read is removed too, wherever it would show: a cell can hold anything, a note
 * pushed into the minutes or credential column by a missing cell included. Messages become their
 * `redactedMessage` (quoted cells withheld by the rule engine); the evidence columns and claims lose an
 * unreadable minutes cell, a credential or program label that is not a known one and an NPI that is not 10
 * digits.
 */
export function checkRedactSalt(salt: string): void {
  if (salt.length < MIN_SALT_LENGTH) {
    throw new CcmError(`--redact needs a secret salt of at least ${MIN_SALT_LENGTH} characters (CCM_REDACT_SALT or --redact-salt); keep it to get the same pseudonyms next time.`);
  }
}

export function redactResult(result: AuditResult, salt: string): AuditResult {
  checkRedactSalt(salt);
  const ids = new Map<string, string>();
  const pseudonym = (id: string): string => {
    let p = ids.get(id);
    if (p === undefined) {
      p = `P-${createHmac('sha256', salt).update(id).digest('hex').slice(0, PSEUDONYM_HEX)}`;
      ids.set(id, p);
    }
    return p;
  };
  const pseudonymOrNull = (id: string | null) => (id === null ? null : pseudonym(id));
  const entries = result.entries.map((e): TimeEntry => {
    const { patientName: _name, mbi: _mbi, minutesText: _minutes, credential, npi, programText, ...rest } = e;
    // A recognised credential or program is a known word (RN, MD, CCM) and a 10-digit NPI a number; other text
    // is an arbitrary cell.
    return {
      ...rest,
      ...(credential !== undefined && e.role !== 'unknown' ? { credential } : {}),
      // A label is kept only when it is exactly a program's name: one read by its words may carry free text.
      ...(programText !== undefined && isProgramName(programText) ? { programText } : {}),
      ...(npi !== undefined && isNpiShaped(npi) ? { npi } : {}),
      patientId: pseudonym(e.patientId),
      note: '',
    };
  });
  for (const pm of result.patientMonths) pseudonym(pm.patientId);
  // Messages name other patients (an overlap across two patients): replace every known id, longest first.
  const known = [...ids.keys()].sort((a, b) => b.length - a.length);
  const scrub = (text: string) => known.reduce((t, id) => t.replace(new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g'), ids.get(id)!), text);
  return {
    ...result,
    entries,
    patientMonths: result.patientMonths.map((pm) => ({
      ...pm,
      patientId: pseudonym(pm.patientId),
      mbi: null,
      billingNpi: pm.billingNpi !== null && isNpiShaped(pm.billingNpi) ? pm.billingNpi : null,
    })),
    findings: result.findings.map((f) => {
      const patientId = pseudonymOrNull(f.patientId);
      const { redactedMessage, ...rest } = f;
      return { ...rest, patientId, message: scrub(redactedMessage ?? f.message), fingerprint: fingerprint(f.rule, patientId, f.month, f.sources) };
    }),
  };
}

function isNpiShaped(npi: string): boolean {
  return /^\d{10}$/.test(npi);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
