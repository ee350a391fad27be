// Thematic clusters from the GNLC strategy 2021–2023 (UIL, 2021): five active clusters replacing
// the seven of 2019, whose member counts and lineage are kept for reporting.
export interface ClusterSeed {
  code: string;
  name: string;
  period: string;
  status: 'active' | 'retired';
  themes: string[];
  focusKeywords: string[];
  successor: string | null;
  memberCount2019: number | null;
}

const active = (code: string, name: string, focusKeywords: string[], themes: string[] = []): ClusterSeed => ({
  code,
  name,
  period: '2021-2023',
  status: 'active',
  themes,
  focusKeywords,
  successor: null,
  memberCount2019: null,
});
const retired = (
  code: string,
  name: string,
  memberCount2019: number,
  successor: string | null,
  focusKeywords: string[],
): ClusterSeed => ({
  code,
  name,
  period: '2019-2021',
  status: 'retired',
  themes: [],
  focusKeywords,
  successor,
  memberCount2019,
});

export const CLUSTERS: readonly ClusterSeed[] = [
  active('GCED', 'Global Citizenship Education', [
    'global citizenship',
    'citizenship',
    'peace',
    'human rights',
    'intercultural',
    'GCED',
  ]),
  active('ESD', 'Education for Sustainable Development', [
    'sustainable development',
    'sustainability',
    'environment',
    'climate',
    'ESD',
  ]),
  active('HEALTH', 'Health and Well-being', ['health', 'well-being', 'wellbeing', 'public health', 'mental health']),
  active('PLANNING', 'Planning', ['planning', 'monitoring', 'evaluation', 'indicators', 'data', 'policy']),
  active(
    'INCLUSION',
    'Inclusion',
    ['inclusion', 'equity', 'literacy', 'ICT', 'digital', 'migrants', 'disability'],
    ['literacy', 'ICTs'],
  ),
  retired('ESD-2019', 'Education for Sustainable Development', 112, 'ESD', ['sustainable development', 'environment']),
  retired('LITERACY-2019', 'Literacy', 30, 'INCLUSION', ['literacy']),
  retired('ENTREPRENEURSHIP-2019', 'Entrepreneurship', 30, null, ['entrepreneurship', 'employment', 'skills']),
  retired('HEALTH-2019', 'Health and Well-Being', 40, 'HEALTH', ['health', 'well-being']),
  retired('INCLUSION-EQUITY-2019', 'Inclusion and Equity', 66, 'INCLUSION', ['inclusion', 'equity']),
  retired('GCED-2019', 'Global Citizenship Education', 57, 'GCED', ['global citizenship']),
  retired('PLANNING-2019', 'Educational Planning, Monitoring and Evaluation', 57, 'PLANNING', [
    'planning',
    'monitoring',
    'evaluation',
  ]),
];
