import type {
  BuiltInRule,
  Condition,
  Fact,
  GroupCondition,
  LeafCondition,
  Reason,
  RuleDefinition,
} from '../../../shared/schemas/eligibility.ts';

// The eligibility rule engine and Braid's built-in rules (docs/eligibility.md).
// Three-valued: a condition over a fact that is not recorded is "unknown" (null), so a determination
// can say "incomplete: record the date of birth" instead of a wrong "not eligible".

/** HHS poverty guidelines, 48 contiguous states and DC (2025): base for one person + per additional person, in dollars. */
export const POVERTY_GUIDELINE = { year: 2025, base: 15_650, perAdditional: 5_500 };

export type FactValue = string | number | boolean | string[] | null;
export type Facts = Record<Fact, FactValue>;

export interface IntakeFacts {
  dateOfBirth: string | null;
  sex: string | null;
  stateCode: string | null;
  countyFips: string | null;
  barriers: string[];
  publicAssistance: string[];
  employmentStatus: string | null;
  schoolStatus: string | null;
  educationLevel: string | null;
  veteran: string | null;
  disability: string | null;
  selectiveService: string | null;
  authorizedToWork: boolean | null;
  familySize: number | null;
  annualFamilyIncomeCents: number | null;
  dislocation: { category?: string; ucEligibleOrExhausted?: boolean | null; unlikelyToReturn?: boolean | null } | null;
}

export function ageOn(dob: string, on: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  return oy - y - (om < m || (om === m && od < d) ? 1 : 0);
}

export function factsOf(p: IntakeFacts, asOf: string): Facts {
  const guideline = p.familySize ? POVERTY_GUIDELINE.base + POVERTY_GUIDELINE.perAdditional * (p.familySize - 1) : null;
  return {
    age: p.dateOfBirth ? ageOn(p.dateOfBirth, asOf) : null,
    sex: p.sex,
    state_code: p.stateCode,
    county_fips: p.countyFips,
    barriers: p.barriers,
    public_assistance: p.publicAssistance,
    employment_status: p.employmentStatus,
    school_status: p.schoolStatus,
    education_level: p.educationLevel,
    veteran: p.veteran,
    disability: p.disability,
    selective_service: p.selectiveService,
    authorized_to_work: p.authorizedToWork,
    family_size: p.familySize,
    income_percent_of_poverty:
      guideline && p.annualFamilyIncomeCents !== null ? Math.round((p.annualFamilyIncomeCents / 100 / guideline) * 1000) / 10 : null,
    dislocation_category: p.dislocation?.category ?? null,
    dislocation_uc_eligible_or_exhausted: p.dislocation?.ucEligibleOrExhausted ?? null,
    dislocation_unlikely_to_return: p.dislocation?.unlikelyToReturn ?? null,
  };
}

const isLeaf = (c: Condition): c is LeafCondition => 'fact' in c;
const show = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v));

function testLeaf(c: LeafCondition, facts: Facts): { met: boolean | null; detail: string } {
  const v = facts[c.fact];
  const name = c.fact.replace(/_/g, ' ');
  if (v === null || v === undefined) return { met: null, detail: `${name} is not recorded` };
  const val = c.value;
  let met: boolean;
  switch (c.op) {
    case 'eq':
      met = v === val;
      break;
    case 'neq':
      met = v !== val;
      break;
    case 'gte':
      met = Number(v) >= Number(val);
      break;
    case 'lte':
      met = Number(v) <= Number(val);
      break;
    case 'between': {
      const [lo, hi] = val as [number, number];
      met = Number(v) >= lo && Number(v) <= hi;
      break;
    }
    case 'in':
      met = (val as unknown[]).includes(v);
      break;
    case 'includes':
      met = Array.isArray(v) && v.includes(val as string);
      break;
    case 'includes_any':
      met = Array.isArray(v) && (val as string[]).some((x) => v.includes(x));
      break;
    case 'is_true':
      met = v === true;
      break;
    case 'is_false':
      met = v === false;
      break;
    default:
      met = false;
  }
  return { met, detail: `${name} is ${show(v)}` };
}

interface Node {
  met: boolean | null;
  label: string;
  detail: string;
  evidence: string[];
  children: Node[];
}

function evaluateNode(c: Condition, facts: Facts): Node {
  if (isLeaf(c)) {
    const { met, detail } = testLeaf(c, facts);
    return { met, label: c.label, detail, evidence: c.evidence ?? [], children: [] };
  }
  const g = c as GroupCondition;
  if (g.not) {
    const child = evaluateNode(g.not, facts);
    return { met: child.met === null ? null : !child.met, label: g.label, detail: child.detail, evidence: g.evidence ?? [], children: [] };
  }
  const children = (g.all ?? g.any ?? []).map((x) => evaluateNode(x, facts));
  let met: boolean | null;
  if (g.all) {
    met = children.some((x) => x.met === false) ? false : children.some((x) => x.met === null) ? null : true;
  } else {
    met = children.some((x) => x.met === true) ? true : children.some((x) => x.met === null) ? null : false;
  }
  const counted = children.filter((x) => x.met === true).length;
  const detail = g.all ? `${counted} of ${children.length} conditions met` : met ? 'at least one condition met' : 'no condition met yet';
  return { met, label: g.label, detail, evidence: g.evidence ?? [], children };
}

function flatten(n: Node, depth: number, out: Reason[]) {
  out.push({ label: n.label, met: n.met, detail: n.detail, depth });
  for (const c of n.children) flatten(c, depth + 1, out);
}

/** Documents that support the conditions that hold, plus those needed for conditions not yet known. */
function evidenceOf(n: Node, out: Set<string>) {
  if (n.met === false) return;
  for (const e of n.evidence) out.add(e);
  for (const c of n.children) evidenceOf(c, out);
}

function missingOf(c: Condition, facts: Facts, out: Set<string>) {
  if (isLeaf(c)) {
    if (facts[c.fact] === null || facts[c.fact] === undefined) out.add(c.fact);
    return;
  }
  const g = c as GroupCondition;
  for (const x of [...(g.all ?? []), ...(g.any ?? []), ...(g.not ? [g.not] : [])]) missingOf(x, facts, out);
}

export interface RuleResult {
  result: 'eligible' | 'not_eligible' | 'incomplete';
  priority: { level: number; label: string } | null;
  reasons: Reason[];
  evidence: string[];
  missingFacts: string[];
}

export function evaluateRule(rule: RuleDefinition, facts: Facts): RuleResult {
  const root = evaluateNode(rule.requires, facts);
  const reasons: Reason[] = [];
  flatten(root, 0, reasons);
  const evidence = new Set<string>();
  evidenceOf(root, evidence);
  const missing = new Set<string>();
  if (root.met !== false) missingOf(rule.requires, facts, missing);
  let priority: RuleResult['priority'] = null;
  if (root.met === true && rule.priority) {
    for (const p of [...rule.priority].sort((a, b) => a.level - b.level)) {
      const n = evaluateNode(p.when, facts);
      if (n.met === true) {
        priority = { level: p.level, label: p.label };
        reasons.push({ label: `Priority of service: ${p.label}`, met: true, detail: `priority level ${p.level}`, depth: 0 });
        evidenceOf(n, evidence);
        break;
      }
    }
  }
  return {
    result: root.met === true ? 'eligible' : root.met === false ? 'not_eligible' : 'incomplete',
    priority,
    reasons,
    evidence: [...evidence],
    missingFacts: root.met === null ? [...missing] : [],
  };
}

// ---- Built-in rules. Each change to one is a new version, so determinations stay reproducible.

const EVIDENCE = {
  age: 'Proof of age: birth certificate, driver’s license, state ID or passport',
  work: 'Proof of authorization to work: U.S. passport, birth certificate with photo ID, permanent resident card, or other I-9 documents',
  selective: 'Selective Service registration acknowledgement (men born on or after 1960-01-01)',
  lowIncome: 'Low-income documentation: benefit award letter (TANF, SNAP, SSI), or family income records for the last six months',
  bsd: 'Basic skills assessment result (e.g. TABE or CASAS) at or below the 8th-grade level',
  veteran: 'DD-214 (veteran) or proof of eligible-spouse status',
  layoff: 'Layoff or separation notice from the employer',
  ui: 'Unemployment insurance claim or determination record',
  unlikely: 'Staff attestation that a return to the previous industry or occupation is unlikely',
  school: 'School enrollment or attendance record',
  dropout: 'School record showing withdrawal, or self-attestation with staff verification',
  address: 'Proof of address: lease, utility bill, or state ID',
  tanf: 'TANF case number or benefit letter',
  snap: 'SNAP benefit letter or EBT case number',
  barrier: 'Documentation of the barrier (e.g. court record, shelter letter, foster care letter, IEP, birth certificate of the child)',
} as const;

const authorizedToWork: LeafCondition = {
  fact: 'authorized_to_work',
  op: 'is_true',
  label: 'Authorized to work in the United States',
  evidence: [EVIDENCE.work],
};
const selectiveService = (minorsExempt: boolean): GroupCondition => ({
  label: 'Selective Service: registered, or not required',
  any: [
    ...(minorsExempt ? [{ fact: 'age', op: 'lte', value: 17, label: 'Under 18' } satisfies LeafCondition] : []),
    { fact: 'sex', op: 'eq', value: 'female', label: 'Not required (female)' },
    {
      fact: 'selective_service',
      op: 'in',
      value: ['registered', 'not_required'],
      label: 'Registered or exempt',
      evidence: [EVIDENCE.selective],
    },
  ],
});
const lowIncome: GroupCondition = {
  label: 'Low-income',
  evidence: [EVIDENCE.lowIncome],
  any: [
    { fact: 'barriers', op: 'includes', value: 'low_income', label: 'Determined low-income at intake' },
    { fact: 'public_assistance', op: 'includes_any', value: ['tanf', 'snap', 'ssi_ssdi'], label: 'Receives TANF, SNAP or SSI' },
    { fact: 'income_percent_of_poverty', op: 'lte', value: 100, label: 'Family income at or below the poverty guideline' },
  ],
};
const publicAssistanceLowIncomeOrBsd: GroupCondition = {
  label: 'Recipient of public assistance, low-income, or basic skills deficient',
  any: [
    lowIncome,
    { fact: 'barriers', op: 'includes', value: 'basic_skills_deficient', label: 'Basic skills deficient', evidence: [EVIDENCE.bsd] },
  ],
};
const isVeteran: LeafCondition = {
  fact: 'veteran',
  op: 'eq',
  value: 'yes',
  label: 'Veteran or eligible spouse',
  evidence: [EVIDENCE.veteran],
};

export const BUILT_IN_VERSION = '2026-1';

export function builtInRule(name: BuiltInRule, params: Record<string, unknown> = {}): RuleDefinition {
  switch (name) {
    case 'wioa_adult':
      return {
        builtIn: name,
        summary:
          'WIOA Title I Adult (WIOA §3(2), §134(c)(3)(E)): 18 or older, authorized to work, Selective Service; priority of service per TEGL 7-20.',
        requires: {
          label: 'WIOA Adult eligibility',
          all: [
            { fact: 'age', op: 'gte', value: 18, label: 'Age 18 or older', evidence: [EVIDENCE.age] },
            authorizedToWork,
            selectiveService(false),
          ],
        },
        priority: [
          {
            level: 1,
            label: 'Veteran or eligible spouse who is low-income, on public assistance, or basic skills deficient',
            when: { label: 'Priority 1', all: [isVeteran, publicAssistanceLowIncomeOrBsd] },
          },
          { level: 2, label: 'Low-income, on public assistance, or basic skills deficient', when: publicAssistanceLowIncomeOrBsd },
          { level: 3, label: 'Veteran or eligible spouse', when: isVeteran },
          { level: 4, label: 'Other eligible adults', when: { fact: 'age', op: 'gte', value: 18, label: 'Adult' } },
        ],
        params,
      };
    case 'wioa_dislocated_worker':
      return {
        builtIn: name,
        summary:
          'WIOA Dislocated Worker (WIOA §3(15)), simplified: laid off or notified (with UC eligibility and unlikely return), self-employed out of work for economic reasons, displaced homemaker, military spouse, or separating service member.',
        requires: {
          label: 'WIOA Dislocated Worker eligibility',
          all: [
            authorizedToWork,
            selectiveService(false),
            {
              label: 'A dislocation category applies',
              any: [
                {
                  label: 'Laid off or notified of a layoff or closure, eligible for or exhausted UC, unlikely to return',
                  all: [
                    {
                      fact: 'dislocation_category',
                      op: 'in',
                      value: ['laid_off', 'notice_of_layoff', 'plant_closure'],
                      label: 'Laid off, notified, or plant closure',
                      evidence: [EVIDENCE.layoff],
                    },
                    {
                      fact: 'dislocation_uc_eligible_or_exhausted',
                      op: 'is_true',
                      label: 'Eligible for or exhausted unemployment compensation',
                      evidence: [EVIDENCE.ui],
                    },
                    {
                      fact: 'dislocation_unlikely_to_return',
                      op: 'is_true',
                      label: 'Unlikely to return to the previous industry or occupation',
                      evidence: [EVIDENCE.unlikely],
                    },
                  ],
                },
                {
                  fact: 'dislocation_category',
                  op: 'eq',
                  value: 'self_employed_economic',
                  label: 'Self-employed, out of work because of economic conditions or a disaster',
                },
                {
                  label: 'Displaced homemaker',
                  any: [
                    { fact: 'dislocation_category', op: 'eq', value: 'displaced_homemaker', label: 'Displaced homemaker (dislocation)' },
                    { fact: 'barriers', op: 'includes', value: 'displaced_homemaker', label: 'Displaced homemaker (barrier)' },
                  ],
                },
                {
                  fact: 'dislocation_category',
                  op: 'eq',
                  value: 'military_spouse',
                  label: 'Spouse of an active-duty service member who lost employment',
                },
                { fact: 'dislocation_category', op: 'eq', value: 'separated_service_member', label: 'Separating service member' },
              ],
            },
          ],
        },
        params,
      };
    case 'wioa_youth': {
      const inSchoolBarriers: Condition[] = [
        { fact: 'barriers', op: 'includes', value: 'basic_skills_deficient', label: 'Basic skills deficient' },
        { fact: 'barriers', op: 'includes', value: 'english_learner', label: 'English language learner' },
        { fact: 'barriers', op: 'includes', value: 'ex_offender', label: 'Offender' },
        {
          fact: 'barriers',
          op: 'includes_any',
          value: ['homeless', 'foster_care_youth'],
          label: 'Homeless, runaway, or in or aged out of foster care',
        },
        { fact: 'barriers', op: 'includes', value: 'pregnant_or_parenting', label: 'Pregnant or parenting' },
        { fact: 'disability', op: 'eq', value: 'yes', label: 'Individual with a disability' },
        { fact: 'barriers', op: 'includes', value: 'requires_additional_assistance', label: 'Requires additional assistance' },
      ];
      return {
        builtIn: name,
        summary:
          'WIOA Youth (WIOA §129(a)): in-school youth 14–21 who are low-income with a listed barrier, or out-of-school youth 16–24 with a listed barrier (low income required only for some).',
        requires: {
          label: 'WIOA Youth eligibility',
          all: [
            authorizedToWork,
            selectiveService(true),
            {
              label: 'In-school or out-of-school youth',
              any: [
                {
                  label: 'In-school youth',
                  all: [
                    {
                      fact: 'school_status',
                      op: 'in',
                      value: ['in_school_secondary', 'in_school_alternative', 'in_school_postsecondary'],
                      label: 'Attending school',
                      evidence: [EVIDENCE.school],
                    },
                    { fact: 'age', op: 'between', value: [14, 21], label: 'Age 14 to 21', evidence: [EVIDENCE.age] },
                    lowIncome,
                    { label: 'At least one in-school youth barrier', evidence: [EVIDENCE.barrier], any: inSchoolBarriers },
                  ],
                },
                {
                  label: 'Out-of-school youth',
                  all: [
                    {
                      fact: 'school_status',
                      op: 'in',
                      value: ['not_in_school_dropout', 'not_in_school_graduate', 'not_in_school_compulsory_age'],
                      label: 'Not attending school',
                      evidence: [EVIDENCE.school],
                    },
                    { fact: 'age', op: 'between', value: [16, 24], label: 'Age 16 to 24', evidence: [EVIDENCE.age] },
                    {
                      label: 'At least one out-of-school youth barrier',
                      evidence: [EVIDENCE.barrier],
                      any: [
                        {
                          fact: 'school_status',
                          op: 'eq',
                          value: 'not_in_school_dropout',
                          label: 'School dropout',
                          evidence: [EVIDENCE.dropout],
                        },
                        {
                          fact: 'school_status',
                          op: 'eq',
                          value: 'not_in_school_compulsory_age',
                          label: 'Within compulsory school age but not attending',
                        },
                        {
                          label: 'Secondary graduate who is low-income and basic skills deficient or an English learner',
                          all: [
                            { fact: 'school_status', op: 'eq', value: 'not_in_school_graduate', label: 'Secondary school graduate' },
                            lowIncome,
                            {
                              fact: 'barriers',
                              op: 'includes_any',
                              value: ['basic_skills_deficient', 'english_learner'],
                              label: 'Basic skills deficient or English learner',
                            },
                          ],
                        },
                        { fact: 'barriers', op: 'includes', value: 'ex_offender', label: 'Offender' },
                        {
                          fact: 'barriers',
                          op: 'includes_any',
                          value: ['homeless', 'foster_care_youth'],
                          label: 'Homeless, runaway, or in or aged out of foster care',
                        },
                        { fact: 'barriers', op: 'includes', value: 'pregnant_or_parenting', label: 'Pregnant or parenting' },
                        { fact: 'disability', op: 'eq', value: 'yes', label: 'Individual with a disability' },
                        {
                          label: 'Low-income and requires additional assistance',
                          all: [
                            lowIncome,
                            {
                              fact: 'barriers',
                              op: 'includes',
                              value: 'requires_additional_assistance',
                              label: 'Requires additional assistance',
                            },
                          ],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        params,
      };
    }
    case 'tanf': {
      const limit = Number(params.incomeLimitPercent ?? 200);
      return {
        builtIn: name,
        summary: `TANF-funded services (simplified; states set their own rules): a family with a minor child or a pregnant member, receiving TANF or with income at or below ${limit}% of the poverty guideline.`,
        requires: {
          label: 'TANF eligibility',
          all: [
            {
              fact: 'barriers',
              op: 'includes_any',
              value: ['single_parent', 'pregnant_or_parenting'],
              label: 'Family with a minor child, or pregnant',
              evidence: ['Birth certificate of the child or proof of pregnancy'],
            },
            {
              label: `Receives TANF, or family income at or below ${limit}% of the poverty guideline`,
              any: [
                { fact: 'public_assistance', op: 'includes', value: 'tanf', label: 'Receives TANF', evidence: [EVIDENCE.tanf] },
                {
                  fact: 'income_percent_of_poverty',
                  op: 'lte',
                  value: limit,
                  label: `Income at or below ${limit}% of poverty`,
                  evidence: [EVIDENCE.lowIncome],
                },
              ],
            },
          ],
        },
        params: { incomeLimitPercent: limit },
      };
    }
    case 'snap_et':
      return {
        builtIn: name,
        summary:
          'SNAP Employment & Training (simplified): receives SNAP, aged 16 to 59, and not receiving TANF (served by TANF work programs).',
        requires: {
          label: 'SNAP E&T eligibility',
          all: [
            { fact: 'public_assistance', op: 'includes', value: 'snap', label: 'Receives SNAP', evidence: [EVIDENCE.snap] },
            { fact: 'age', op: 'between', value: [16, 59], label: 'Age 16 to 59', evidence: [EVIDENCE.age] },
            { label: 'Not receiving TANF', not: { fact: 'public_assistance', op: 'includes', value: 'tanf', label: 'Receives TANF' } },
          ],
        },
        params,
      };
    case 'region_residence': {
      const counties = Array.isArray(params.counties) ? (params.counties as string[]) : [];
      return {
        builtIn: name,
        summary: `Residence in the funder's region (${counties.length} counties by FIPS).`,
        requires: {
          label: 'Lives in the region',
          all: [
            {
              fact: 'county_fips',
              op: 'in',
              value: counties,
              label: `County of residence is one of ${counties.join(', ') || '(none configured)'}`,
              evidence: [EVIDENCE.address],
            },
          ],
        },
        params: { counties },
      };
    }
  }
}
