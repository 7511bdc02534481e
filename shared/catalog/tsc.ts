/**
 * The 2017 Trust Services Criteria (points of focus revised 2022), as pure data.
 * Titles are short paraphrases in our own words — the AICPA text is copyrighted.
 */
import type { Criterion, TscSeries } from '../domain/types';

export interface TscGroup {
  /** e.g. 'CC6', 'A1', 'P4' */
  readonly id: string;
  readonly series: TscSeries;
  readonly title: string;
}

export const TSC_GROUPS: readonly TscGroup[] = [
  { id: 'CC1', series: 'CC', title: 'Control Environment' },
  { id: 'CC2', series: 'CC', title: 'Communication and Information' },
  { id: 'CC3', series: 'CC', title: 'Risk Assessment' },
  { id: 'CC4', series: 'CC', title: 'Monitoring Activities' },
  { id: 'CC5', series: 'CC', title: 'Control Activities' },
  { id: 'CC6', series: 'CC', title: 'Logical and Physical Access Controls' },
  { id: 'CC7', series: 'CC', title: 'System Operations' },
  { id: 'CC8', series: 'CC', title: 'Change Management' },
  { id: 'CC9', series: 'CC', title: 'Risk Mitigation' },
  { id: 'A1', series: 'A', title: 'Additional Criteria for Availability' },
  { id: 'C1', series: 'C', title: 'Additional Criteria for Confidentiality' },
  { id: 'PI1', series: 'PI', title: 'Additional Criteria for Processing Integrity' },
  { id: 'P1', series: 'P', title: 'Notice' },
  { id: 'P2', series: 'P', title: 'Choice and Consent' },
  { id: 'P3', series: 'P', title: 'Collection' },
  { id: 'P4', series: 'P', title: 'Use, Retention and Disposal' },
  { id: 'P5', series: 'P', title: 'Access' },
  { id: 'P6', series: 'P', title: 'Disclosure and Notification' },
  { id: 'P7', series: 'P', title: 'Quality' },
  { id: 'P8', series: 'P', title: 'Monitoring and Enforcement' },
];

/** Builds a criterion; group is the id before the dot, series comes from TSC_GROUPS. */
function criterion(id: string, title: string): Criterion {
  const group = id.slice(0, id.indexOf('.'));
  const found = TSC_GROUPS.find((g) => g.id === group);
  if (!found) throw new Error(`Unknown TSC group for criterion ${id}`);
  return { id, series: found.series, group, title };
}

export const TSC_CRITERIA: readonly Criterion[] = [
  // CC1 Control Environment
  criterion('CC1.1', 'The entity shows commitment to integrity and ethical values'),
  criterion('CC1.2', 'The board is independent of management and oversees internal control'),
  criterion('CC1.3', 'Management sets structures, reporting lines, authorities and responsibilities'),
  criterion('CC1.4', 'The entity attracts, develops and retains competent people'),
  criterion('CC1.5', 'Individuals are held accountable for their internal control duties'),
  // CC2 Communication and Information
  criterion('CC2.1', 'Relevant, quality information is obtained or produced to support controls'),
  criterion('CC2.2', 'Control objectives and responsibilities are communicated internally'),
  criterion('CC2.3', 'Matters affecting internal control are communicated with external parties'),
  // CC3 Risk Assessment
  criterion('CC3.1', 'Objectives are specified clearly enough to identify and assess risks'),
  criterion('CC3.2', 'Risks to objectives are identified and analyzed to decide how to manage them'),
  criterion('CC3.3', 'The potential for fraud is considered when assessing risks'),
  criterion('CC3.4', 'Changes that could significantly affect internal control are assessed'),
  // CC4 Monitoring Activities
  criterion('CC4.1', 'Ongoing and/or separate evaluations confirm controls are present and working'),
  criterion('CC4.2', 'Control deficiencies are evaluated and communicated for timely correction'),
  // CC5 Control Activities
  criterion('CC5.1', 'Control activities are chosen and developed to reduce risks to acceptable levels'),
  criterion('CC5.2', 'General control activities over technology are chosen and developed'),
  criterion('CC5.3', 'Controls are deployed through policies and procedures that put them into action'),
  // CC6 Logical and Physical Access Controls
  criterion('CC6.1', 'Logical access security software, infrastructure and architecture restrict access'),
  criterion('CC6.2', 'Users are registered and authorized before access is granted, and removed after'),
  criterion('CC6.3', 'Access is granted, changed and removed by role, least privilege and segregation'),
  criterion('CC6.4', 'Physical access to facilities and protected assets is restricted'),
  criterion('CC6.5', 'Physical assets are retired only after data on them can no longer be recovered'),
  criterion('CC6.6', 'Access from sources outside the system boundary is guarded against threats'),
  criterion('CC6.7', 'Movement and transmission of data is limited to authorized parties and protected'),
  criterion('CC6.8', 'Unauthorized or malicious software is prevented or detected and acted upon'),
  // CC7 System Operations
  criterion('CC7.1', 'Configuration changes and newly discovered vulnerabilities are detected'),
  criterion('CC7.2', 'System components are monitored for anomalies that signal attacks or errors'),
  criterion('CC7.3', 'Security events are evaluated to decide whether they are incidents'),
  criterion('CC7.4', 'Security incidents are handled under a defined incident response program'),
  criterion('CC7.5', 'Recovery activities restore operations after security incidents'),
  // CC8 Change Management
  criterion('CC8.1', 'Changes are authorized, designed, tested, approved and then implemented'),
  // CC9 Risk Mitigation
  criterion('CC9.1', 'Risk mitigation activities address potential business disruptions'),
  criterion('CC9.2', 'Risks from vendors and business partners are assessed and managed'),
  // A1 Availability
  criterion('A1.1', 'Processing capacity and usage are monitored to meet demand and plan growth'),
  criterion('A1.2', 'Environmental protections, backups and recovery infrastructure are in place'),
  criterion('A1.3', 'Recovery plan procedures are tested'),
  // C1 Confidentiality
  criterion('C1.1', 'Confidential information is identified and protected'),
  criterion('C1.2', 'Confidential information is disposed of as committed or required'),
  // PI1 Processing Integrity
  criterion('PI1.1', 'Processing specifications and data definitions are defined and communicated'),
  criterion('PI1.2', 'System inputs are controlled for completeness and accuracy'),
  criterion('PI1.3', 'System processing is complete, accurate and timely'),
  criterion('PI1.4', 'Output is delivered completely, accurately and on time to intended recipients'),
  criterion('PI1.5', 'Inputs, in-process items and outputs are stored completely and accurately'),
  // P1–P8 Privacy
  criterion('P1.1', 'Data subjects receive notice of the entity\'s privacy practices'),
  criterion('P2.1', 'Choices about personal data are communicated and consent is obtained'),
  criterion('P3.1', 'Personal data is collected only as needed for stated objectives'),
  criterion('P3.2', 'Explicit consent is obtained before collecting data that requires it'),
  criterion('P4.1', 'Use of personal data is limited to the purposes identified'),
  criterion('P4.2', 'Personal data is retained only as long as objectives require'),
  criterion('P4.3', 'Personal data is securely disposed of'),
  criterion('P5.1', 'Authenticated data subjects can access and obtain a copy of their data'),
  criterion('P5.2', 'Personal data is corrected or amended on request and changes are passed on'),
  criterion('P6.1', 'Personal data is disclosed to third parties only with consent'),
  criterion('P6.2', 'A complete and accurate record of authorized disclosures is kept'),
  criterion('P6.3', 'A record of unauthorized disclosures, including breaches, is kept'),
  criterion('P6.4', 'Privacy commitments are obtained from vendors and their compliance is assessed'),
  criterion('P6.5', 'Vendors commit to report unauthorized disclosures of personal data'),
  criterion('P6.6', 'Breaches and incidents are notified to affected data subjects and others'),
  criterion('P6.7', 'Data subjects can get an accounting of their data held and disclosed'),
  criterion('P7.1', 'Personal data is kept accurate, complete, current and relevant'),
  criterion('P8.1', 'Privacy inquiries, complaints and disputes are handled and compliance monitored'),
];

const CRITERIA_BY_ID: ReadonlyMap<string, Criterion> = new Map(TSC_CRITERIA.map((c) => [c.id, c]));

export function criterionById(id: string): Criterion | undefined {
  return CRITERIA_BY_ID.get(id);
}

export function criteriaBySeries(series: TscSeries): readonly Criterion[] {
  return TSC_CRITERIA.filter((c) => c.series === series);
}
