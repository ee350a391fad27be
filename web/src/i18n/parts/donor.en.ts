// The funding partner's portal (web/src/portals/donor).
export const donorEn = {
  'donor.notDonor': 'This portal is for funding partners: sign in from the e-mail sent to your contact address.',
  'donor.homeIntro': 'Your pledges to the GNLC, their stage, what is due and what was received.',
  'donor.noPledges': 'No pledge yet.',
  'donor.nextDue': 'Next due',
  'donor.totals': 'Totals',
  'donor.stages': 'Stages',
  'donor.originalAmount': 'Amount (original currency)',
  'donor.recordedRate': 'Recorded rate to USD',
  'donor.usdValue': 'Value in USD',
  'donor.rateNote': 'Open balances in USD at {rate} USD per {currency}, the rate of',
  'donor.inDiscussion':
    'The secretariat has your offer and will agree its terms with you; once agreed it is recorded as pledged.',
  'donor.inKind': 'In-kind support',

  'donor.valuation.title': 'Valuation',
  'donor.valuation.status.none': 'Not valued',
  'donor.valuation.status.proposed': 'Proposed',
  'donor.valuation.status.approved': 'Approved',
  'donor.valuation.status.rejected': 'Rejected',
  'donor.valuation.explain.none':
    'Propose what the support is worth: the secretariat reviews the valuation and approves it.',
  'donor.valuation.explain.proposed': 'Your valuation awaits the secretariat’s approval; you may still change it.',
  'donor.valuation.explain.approved': 'The secretariat approved this valuation: it counts as your contribution.',
  'donor.valuation.explain.rejected': 'The secretariat did not accept this valuation: you may propose another.',
  'donor.valuation.propose': 'Propose a valuation',
  'donor.valuation.proposed': 'Valuation proposed: the secretariat will review it',
  'donor.valuation.value': 'Value',
  'donor.valuation.method': 'Method',
  'donor.valuation.methodHelp': 'e.g. market price of comparable services, cost of seconded staff',
  'donor.valuation.evidence': 'Evidence',
  'donor.valuation.evidenceHelp': 'Where the value comes from: a quote, an invoice, a salary scale',

  'donor.offer.title': 'Offer a pledge',
  'donor.offer.intro':
    'The UNESCO Global Network of Learning Cities is funded through the multi-donor funding modality (MDFM) launched in Medellín in 2019, and through voluntary contributions, financial or in kind, from member cities, governments, multilateral organisations, the corporate sector, foundations and civil society. Choose how you would like to contribute.',
  'donor.offer.kind': 'Kind of support',
  'donor.offer.financialHelp': 'Money, in one or several instalments',
  'donor.offer.inKindHelp': 'Services, venues, publications, seconded staff…',
  'donor.offer.option': 'Funding option',
  'donor.offer.subOption': 'How',
  'donor.offer.bienniumHelp': 'The two-year term your support is for',
  'donor.offer.focusHelp': 'Optional: where you would like your support to go',
  'donor.offer.amountHelp': 'In the currency of your choice, such as 50000 or 50000.00',
  'donor.offer.firstDueHelp': 'Optional: when the first instalment is due; leave empty for one payment',
  'donor.offer.inKindDescriptionHelp': 'What you offer, for how long, and to whom',
  'donor.offer.quantity': 'Quantity',
  'donor.offer.unit': 'Unit',
  'donor.offer.unitHelp': 'e.g. person-months, days, copies',
  'donor.offer.note': 'Message to the secretariat',
  'donor.offer.whatNext':
    'Your offer goes to the secretariat "in discussion": it contacts you to agree the terms before anything is due.',
  'donor.offer.submit': 'Send the offer',
  'donor.offer.sent': 'Offer sent to the secretariat',

  'donor.option.intro': 'What your support funds: the pooled fund, or one of the three priority areas.',
  'donor.option.mdfm.title': 'Contribute to the MDFM pooled fund',
  'donor.option.mdfm.text':
    'The MDFM supports the network’s strategy and benefits member cities, with a focus on cities in Africa and in low-income countries. Its initial target is US$1 million for each two-year term.',
  'donor.option.areas': 'Other voluntary contributions — three areas prioritised by the coordination team:',
  'donor.option.capacity_building_ldc.title':
    '1. Capacity building and training for city policy makers in least developed countries',
  'donor.option.capacity_building_ldc.text':
    'Helps city policy makers (of member and non-member cities) in least developed countries develop and implement local lifelong learning policies and strategies with concrete objectives and outcomes.',
  'donor.option.thematic_study.title':
    '2. International, regional or sub-regional thematic study in the framework of learning cities',
  'donor.option.thematic_study.text':
    'Guidelines, recommendations and instruments on important themes — monitoring the implementation of lifelong learning, participatory governance of lifelong learning, sustainable development through a lifelong learning approach — to guide and inspire cities.',
  'donor.option.communication_exchange.title': '3. International and regional communication, sharing and exchange',
  'donor.option.communication_exchange.text':
    'Deepens communication, sharing and exchange among member cities on lifelong learning policies and strategies for sustainable development, through one of these options:',
  'donor.option.other':
    'These options do not exhaust every possibility: to explore another partnership, write to the coordination team at',
  'donor.subOption.host_event': 'Host or fund international or regional meetings and events of the GNLC',
  'donor.subOption.fund_publication': 'Fund thematic publications of the GNLC',
  'donor.subOption.fund_peer_learning_database': 'Fund a database for peer learning among member cities',
  'donor.subOption.seconded_staff': 'Second staff to the GNLC coordination team',

  'donor.statement.title': 'Statement',
  'donor.statement.date': 'Date',
  'donor.statement.kind.receipt': 'Payment received',
  'donor.statement.kind.in_kind': 'In kind (approved valuation)',
  'donor.statement.generated': 'Generated',
  'donor.statement.empty': 'No contribution received yet',
  'donor.statement.totalUsd': 'Total in USD',
  'donor.statement.withoutRate':
    '{n, plural, one {# contribution has} other {# contributions have}} no known USD rate and are not in the USD total.',
  'donor.statement.note':
    'Payments count at the exchange rate recorded when they were received; in-kind support at its approved valuation.',
  'donor.statement.download': 'Download CSV',
  'donor.statement.print': 'Print',
} as const;
