/**
 * The built-in starter set of controls for a typical SaaS company, copied into each new audit.
 * Descriptions say what is done and which evidence proves it — that is what IT staff read.
 * Every criterion id must exist in TSC_CRITERIA (enforced by test/unit/shared/catalog.test.ts).
 */
import type { StarterControl } from '../domain/types';

export const STARTER_CONTROLS: readonly StarterControl[] = [
  // Governance
  {
    ref: 'GOV-01',
    title: 'Code of conduct acknowledged',
    description:
      'All staff acknowledge the code of conduct at hire and annually, and a channel exists to report violations anonymously. Evidence: signed acknowledgements and the published reporting channel.',
    frequency: 'annual',
    criteria: ['CC1.1', 'CC1.5', 'CC2.2'],
  },
  {
    ref: 'GOV-02',
    title: 'Security oversight meetings',
    description:
      'Leadership (or the board) reviews the security program, risks and open issues each quarter. Evidence: meeting agendas, minutes and attendee lists.',
    frequency: 'quarterly',
    criteria: ['CC1.2', 'CC1.3', 'CC4.2'],
  },
  {
    ref: 'GOV-03',
    title: 'Security policies reviewed and approved',
    description:
      'Information security policies are reviewed, approved by management and published to staff every year. Evidence: policy documents with version history, approval record and publication location.',
    frequency: 'annual',
    criteria: ['CC2.2', 'CC5.1', 'CC5.2', 'CC5.3'],
  },
  {
    ref: 'GOV-04',
    title: 'System description and architecture documented',
    description:
      'The system boundary, components, data flows and customer commitments are documented, and updated when the system changes materially. Evidence: the system description and current architecture diagram.',
    frequency: 'once',
    criteria: ['CC2.1', 'CC2.3'],
  },

  // People
  {
    ref: 'HR-01',
    title: 'Background checks for new hires',
    description:
      'A background check is completed for each new employee before they get access to production systems. Evidence: completed check reports or vendor confirmations for sampled hires.',
    frequency: 'per-event',
    criteria: ['CC1.4'],
  },
  {
    ref: 'HR-02',
    title: 'Security awareness training',
    description:
      'All staff complete security awareness training at onboarding and every year after. Evidence: training platform completion report listing each employee and date.',
    frequency: 'annual',
    criteria: ['CC1.4', 'CC2.2'],
  },
  {
    ref: 'HR-03',
    title: 'Confidentiality agreements signed',
    description:
      'Every new employee and contractor signs a confidentiality agreement before starting work. Evidence: signed agreements for sampled hires.',
    frequency: 'per-event',
    criteria: ['CC1.1', 'C1.1'],
  },

  // Risk and monitoring
  {
    ref: 'RISK-01',
    title: 'Annual risk assessment',
    description:
      'Management identifies and rates risks to the service, including fraud and significant changes, and assigns treatment for each. Evidence: the dated risk register and sign-off.',
    frequency: 'annual',
    criteria: ['CC3.1', 'CC3.2', 'CC3.3', 'CC3.4'],
  },
  {
    ref: 'RISK-02',
    title: 'Control monitoring and deficiency tracking',
    description:
      'Control owners check that controls are operating each quarter, and any gaps are logged and tracked to remediation. Evidence: the quarterly review record and the issue tracker entries for deficiencies.',
    frequency: 'quarterly',
    criteria: ['CC4.1', 'CC4.2'],
  },

  // Access control
  {
    ref: 'AC-01',
    title: 'Quarterly user access review',
    description:
      'Owners review who has access to production systems and key applications every quarter and remove what is no longer needed. Evidence: the signed-off review export and tickets for the resulting removals.',
    frequency: 'quarterly',
    criteria: ['CC6.2', 'CC6.3'],
  },
  {
    ref: 'AC-02',
    title: 'SSO with multi-factor authentication enforced',
    description:
      'Access to company systems goes through single sign-on with multi-factor authentication enforced for all users. Evidence: identity provider policy settings and a user list showing MFA enrollment.',
    frequency: 'continuous',
    criteria: ['CC6.1'],
  },
  {
    ref: 'AC-03',
    title: 'Offboarding access revoked within one business day',
    description:
      'When someone leaves, all their access is revoked within one business day of their last day. Evidence: termination list compared with account deactivation timestamps.',
    frequency: 'per-event',
    criteria: ['CC6.2', 'CC6.3'],
  },
  {
    ref: 'AC-04',
    title: 'Onboarding access approved',
    description:
      'New access is granted only after a manager approves it, based on the person\'s role. Evidence: access request tickets with approvals dated before the account was created.',
    frequency: 'per-event',
    criteria: ['CC6.2', 'CC6.3'],
  },
  {
    ref: 'AC-05',
    title: 'Privileged access restricted',
    description:
      'Administrative and production root access is limited to a small named group and reviewed each quarter. Evidence: list of privileged accounts with the reviewer\'s sign-off.',
    frequency: 'quarterly',
    criteria: ['CC6.1', 'CC6.3'],
  },
  {
    ref: 'AC-06',
    title: 'Physical office access restricted',
    description:
      'Office entry requires a badge, and the badge holder list is reviewed quarterly; data centers are covered by the cloud provider. Evidence: badge system access list review and the provider\'s SOC 2 report.',
    frequency: 'quarterly',
    criteria: ['CC6.4'],
  },

  // Network, encryption and endpoints
  {
    ref: 'NET-01',
    title: 'Firewall and security group rules reviewed',
    description:
      'Network firewall and cloud security group rules are reviewed twice a year and unneeded openings are closed. Evidence: rule export with review notes and change tickets.',
    frequency: 'semiannual',
    criteria: ['CC6.1', 'CC6.6'],
  },
  {
    ref: 'ENC-01',
    title: 'Encryption at rest',
    description:
      'Production databases, storage buckets and backups are encrypted at rest. Evidence: screenshots or configuration exports showing encryption enabled on each data store.',
    frequency: 'continuous',
    criteria: ['CC6.1', 'C1.1'],
  },
  {
    ref: 'ENC-02',
    title: 'Encryption in transit',
    description:
      'All external and internal traffic carrying customer data uses TLS 1.2 or higher. Evidence: load balancer TLS policy and an external TLS scan result.',
    frequency: 'continuous',
    criteria: ['CC6.7'],
  },
  {
    ref: 'EP-01',
    title: 'Endpoint security compliance checked',
    description:
      'Company laptops run disk encryption and anti-malware under device management, and the compliance report is checked weekly. Evidence: MDM compliance reports and follow-up on non-compliant devices.',
    frequency: 'weekly',
    criteria: ['CC6.7', 'CC6.8'],
  },

  // Change management
  {
    ref: 'CM-01',
    title: 'Changes approved before production deploy',
    description:
      'Every production change is tested and approved by someone other than the author before it is deployed. Evidence: pull requests or change tickets with approvals and passing checks before the deploy time.',
    frequency: 'per-event',
    criteria: ['CC8.1'],
  },
  {
    ref: 'CM-02',
    title: 'Peer code review required',
    description:
      'Branch protection requires at least one reviewer to approve code before it is merged to the main branch. Evidence: repository branch protection settings and sampled merged pull requests.',
    frequency: 'per-event',
    criteria: ['CC8.1', 'CC5.2'],
  },

  // Operations
  {
    ref: 'OPS-01',
    title: 'Monthly vulnerability scanning',
    description:
      'Infrastructure and dependencies are scanned for vulnerabilities every month, and findings are fixed within defined timelines. Evidence: scan reports and tickets for critical and high findings.',
    frequency: 'monthly',
    criteria: ['CC7.1'],
  },
  {
    ref: 'OPS-02',
    title: 'Annual penetration test',
    description:
      'An independent firm performs a penetration test every year and findings are tracked to closure. Evidence: the test report and remediation tickets.',
    frequency: 'annual',
    criteria: ['CC4.1', 'CC7.1'],
  },
  {
    ref: 'OPS-03',
    title: 'Logging and monitoring alerts',
    description:
      'Security-relevant logs are centrally collected and alerts notify on-call staff of suspicious activity, who triage each alert. Evidence: alert rule configuration and examples of triaged alerts.',
    frequency: 'continuous',
    criteria: ['CC7.2', 'CC7.3'],
  },
  {
    ref: 'OPS-04',
    title: 'Security patches applied',
    description:
      'Operating system and software patches are applied monthly, with critical fixes applied sooner. Evidence: patch reports or image build history showing current versions.',
    frequency: 'monthly',
    criteria: ['CC7.1', 'CC8.1'],
  },

  // Incident response
  {
    ref: 'IR-01',
    title: 'Incident response plan tested annually',
    description:
      'The incident response plan is reviewed and exercised through a tabletop test every year. Evidence: the current plan and the tabletop exercise notes with lessons learned.',
    frequency: 'annual',
    criteria: ['CC7.3', 'CC7.4', 'CC7.5'],
  },
  {
    ref: 'IR-02',
    title: 'Incidents tracked to resolution',
    description:
      'Each security incident is logged, investigated, resolved and followed by a post-incident review. Evidence: incident tickets and post-mortem documents.',
    frequency: 'per-event',
    criteria: ['CC7.3', 'CC7.4', 'CC7.5'],
  },

  // Backup, continuity and availability
  {
    ref: 'BC-01',
    title: 'Daily backups',
    description:
      'Production data is backed up automatically every day and failures raise alerts. Evidence: backup configuration and job history showing successful daily runs.',
    frequency: 'daily',
    criteria: ['A1.2', 'PI1.5'],
  },
  {
    ref: 'BC-02',
    title: 'Backup restore tested',
    description:
      'A backup is restored to a test environment each quarter to confirm data can be recovered. Evidence: restore test record with date, data set and result.',
    frequency: 'quarterly',
    criteria: ['A1.2', 'A1.3'],
  },
  {
    ref: 'BC-03',
    title: 'Business continuity and disaster recovery plan tested',
    description:
      'The business continuity and disaster recovery plan is reviewed and tested every year against recovery objectives. Evidence: the plan and the test report with results and follow-ups.',
    frequency: 'annual',
    criteria: ['CC7.5', 'CC9.1', 'A1.3'],
  },
  {
    ref: 'AV-01',
    title: 'Capacity monitoring',
    description:
      'CPU, memory, storage and traffic are monitored with alerts before limits are reached, and capacity is added as needed. Evidence: monitoring dashboards and alert threshold configuration.',
    frequency: 'continuous',
    criteria: ['A1.1'],
  },
  {
    ref: 'AV-02',
    title: 'Redundant infrastructure',
    description:
      'Production runs across multiple availability zones so a single facility failure does not stop the service. Evidence: infrastructure configuration showing multi-zone deployment.',
    frequency: 'continuous',
    criteria: ['A1.2', 'CC9.1'],
  },

  // Vendors
  {
    ref: 'VM-01',
    title: 'Annual vendor risk reviews',
    description:
      'Critical vendors are reviewed every year, including their SOC 2 reports or security questionnaires. Evidence: vendor inventory with review dates and the collected reports.',
    frequency: 'annual',
    criteria: ['CC9.2', 'P6.4'],
  },
  {
    ref: 'VM-02',
    title: 'Vendor contracts include security and privacy terms',
    description:
      'New vendor contracts that involve customer data include security, confidentiality and breach notification obligations. Evidence: signed contracts or data processing agreements for sampled vendors.',
    frequency: 'per-event',
    criteria: ['CC9.2', 'C1.1', 'P6.4', 'P6.5'],
  },

  // Confidentiality
  {
    ref: 'CONF-01',
    title: 'Data classification and inventory',
    description:
      'Data is classified under a written scheme and the inventory of confidential data stores is reviewed yearly. Evidence: classification policy and the reviewed data inventory.',
    frequency: 'annual',
    criteria: ['C1.1'],
  },
  {
    ref: 'CONF-02',
    title: 'Secure disposal of data and devices',
    description:
      'Customer data is deleted when contracts end and retired devices are wiped or destroyed. Evidence: deletion tickets and disposal or wipe certificates.',
    frequency: 'per-event',
    criteria: ['CC6.5', 'C1.2', 'P4.3'],
  },

  // Processing integrity
  {
    ref: 'PI-01',
    title: 'Processing specifications documented',
    description:
      'Product and API documentation defines the data processed and expected results, and is reviewed yearly. Evidence: the published specifications with revision history.',
    frequency: 'annual',
    criteria: ['PI1.1'],
  },
  {
    ref: 'PI-02',
    title: 'Input validation',
    description:
      'The application validates required fields, formats and ranges and rejects bad input with an error. Evidence: validation code or configuration and automated test results.',
    frequency: 'continuous',
    criteria: ['PI1.2'],
  },
  {
    ref: 'PI-03',
    title: 'Processing jobs monitored and reconciled',
    description:
      'Scheduled processing jobs are monitored daily and output counts are reconciled to input, with errors investigated. Evidence: job monitoring dashboards and reconciliation or error tickets.',
    frequency: 'daily',
    criteria: ['PI1.3', 'PI1.4'],
  },

  // Privacy
  {
    ref: 'PRIV-01',
    title: 'Privacy notice published',
    description:
      'A privacy notice describing what personal data is collected and why is published and reviewed yearly. Evidence: the public notice with its last-reviewed date.',
    frequency: 'annual',
    criteria: ['P1.1'],
  },
  {
    ref: 'PRIV-02',
    title: 'Consent captured and collection limited',
    description:
      'Only the personal data needed is collected, and consent is recorded where it is required. Evidence: sign-up and consent screens and stored consent records.',
    frequency: 'continuous',
    criteria: ['P2.1', 'P3.1', 'P3.2'],
  },
  {
    ref: 'PRIV-03',
    title: 'Data subject requests and complaints handled',
    description:
      'Requests to access, correct or export personal data, and privacy complaints, are logged and answered within the legal deadline. Evidence: the request log with dates received and closed.',
    frequency: 'per-event',
    criteria: ['P5.1', 'P5.2', 'P6.7', 'P7.1', 'P8.1'],
  },
  {
    ref: 'PRIV-04',
    title: 'Retention schedule enforced',
    description:
      'Personal data is used only for stated purposes and purged monthly once its retention period ends. Evidence: the retention schedule and purge job logs.',
    frequency: 'monthly',
    criteria: ['P4.1', 'P4.2', 'P4.3'],
  },
  {
    ref: 'PRIV-05',
    title: 'Breach notification',
    description:
      'Unauthorized disclosures of personal data are recorded and affected people and regulators are notified as required. Evidence: the breach register and copies of notifications sent.',
    frequency: 'per-event',
    criteria: ['P6.3', 'P6.6'],
  },
  {
    ref: 'PRIV-06',
    title: 'Third-party disclosures recorded',
    description:
      'Personal data is shared only with listed subprocessors or with consent, and each disclosure is recorded. Evidence: the public subprocessor list and the disclosure log.',
    frequency: 'per-event',
    criteria: ['P6.1', 'P6.2'],
  },
];
