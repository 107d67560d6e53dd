/** Procedure-code lists the rules compare billed services with; each list cites the reference rule it encodes. */

function codeRange(from: number, to: number, prefix = ''): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(5 - prefix.length, '0')}`);
}

function labelled(codes: readonly string[], label: string): [string, string][] {
  return codes.map((code) => [code, label]);
}

/**
 * Care-management services that may not be billed with CCM by the same practitioner in the same month (D8), with
 * the name used in messages. Home health and hospice supervision, ESRD monthly services: R-EXCL-HH-HOSPICE-ESRD;
 * PCM: R-EXCL-PCM; APCM: R-EXCL-APCM. What OIG recovered as "overlapping care management" (R-OIG-2019, R-OIG-2021).
 */
export const OVERLAPPING_CARE_MANAGEMENT: ReadonlyMap<string, string> = new Map([
  ['G0181', 'home health supervision'],
  ['G0182', 'hospice supervision'],
  ...labelled(codeRange(90951, 90970), 'ESRD monthly services'),
  ...labelled(codeRange(99424, 99427), 'principal care management'),
  ...labelled(codeRange(556, 558, 'G'), 'advanced primary care management'),
]);

/**
 * Services that may be billed with CCM in the same month when time is not counted twice (D3): TCM since CY2020
 * (R-EXCL-TCM), RPM (R-EXCL-RPM), general BHI and CoCM (R-EXCL-BHI). Listed so tests and docs can show they are
 * deliberately absent from OVERLAPPING_CARE_MANAGEMENT.
 */
export const ALLOWED_WITH_CCM: readonly string[] = ['99495', '99496', ...codeRange(99453, 99458), '99484', '99492', '99493', '99494'];
