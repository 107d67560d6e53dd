import type { Program } from '../model/schema.js';

/** Program names as exports write them, by key (lower case, letters and digits only). */
const PROGRAM_TABLE: Record<Program, readonly string[]> = {
  ccm: ['ccm', 'chroniccaremanagement', 'chroniccare', 'chroniccaremgmt', 'noncomplexccm', 'ccmnoncomplex', 'standardccm', '99490', '99439', '99491', '99437', 'pccm'],
  'complex-ccm': ['complexccm', 'ccmcomplex', 'cccm', 'complexchroniccaremanagement', 'complexchroniccare', '99487', '99489'],
  pcm: ['pcm', 'principalcaremanagement', 'principalcare'],
  tcm: ['tcm', 'transitionalcaremanagement', 'transitionalcare', 'transitionofcare', 'toc', '99495', '99496'],
  rpm: ['rpm', 'remotepatientmonitoring', 'remotemonitoring', 'rtm', 'remotetherapeuticmonitoring'],
  bhi: ['bhi', 'cocm', 'behavioralhealth', 'behavioralhealthintegration', 'collaborativecare', 'collaborativecaremanagement', '99484'],
  apcm: ['apcm', 'advancedprimarycaremanagement', 'advancedprimarycare'],
  other: [],
};

const LOOKUP = new Map<string, Program>();
for (const [program, keys] of Object.entries(PROGRAM_TABLE) as [Program, readonly string[]][]) {
  for (const key of keys) LOOKUP.set(key, program);
}

/** An empty program cell, or a time log with no program column, is CCM: that is what the tool audits. */
/** Free-text program cells must not grow the memo without bound. */
const MEMO_LIMIT = 1000;
const SEEN = new Map<string, Program>();

export function classifyProgram(text: string | undefined): Program {
  if (!text) return 'ccm';
  // Remembered per spelling: an export repeats a few program names on every row.
  let program = SEEN.get(text);
  if (program === undefined) {
    program = LOOKUP.get(text.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? 'other';
    if (SEEN.size < MEMO_LIMIT) SEEN.set(text, program);
  }
  return program;
}

/** Values of a complexity / CCM-type column that mark complex CCM. */
export function isComplexMarker(text: string | undefined): boolean {
  if (!text) return false;
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return ['complex', 'complexccm', 'yes', 'y', 'true', '1', 'high', 'moderate', 'moderatehigh', 'highcomplexity', 'moderatecomplexity'].includes(key);
}
