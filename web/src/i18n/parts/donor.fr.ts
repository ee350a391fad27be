// Le portail des partenaires financiers (web/src/portals/donor).
import type { donorEn } from './donor.en.js';

export const donorFr: Record<keyof typeof donorEn, string> = {
  'donor.notDonor':
    'Ce portail est celui des partenaires financiers : connectez-vous depuis le courriel envoyé à votre adresse de contact.',
  'donor.homeIntro': 'Vos promesses de don au GNLC, leur étape, ce qui est dû et ce qui a été reçu.',
  'donor.noPledges': 'Aucune promesse pour l’instant.',
  'donor.nextDue': 'Prochaine échéance',
  'donor.totals': 'Totaux',
  'donor.stages': 'Étapes',
  'donor.originalAmount': 'Montant (devise d’origine)',
  'donor.recordedRate': 'Taux en USD enregistré',
  'donor.usdValue': 'Valeur en USD',
  'donor.rateNote': 'Soldes en USD au taux de {rate} USD pour 1 {currency}, celui du',
  'donor.inDiscussion':
    'Le secrétariat a reçu votre proposition et en conviendra des modalités avec vous ; une fois convenue, elle est enregistrée comme promesse.',
  'donor.inKind': 'Contribution en nature',

  'donor.valuation.title': 'Évaluation',
  'donor.valuation.status.none': 'Non évaluée',
  'donor.valuation.status.proposed': 'Proposée',
  'donor.valuation.status.approved': 'Approuvée',
  'donor.valuation.status.rejected': 'Refusée',
  'donor.valuation.explain.none':
    'Proposez la valeur de votre contribution : le secrétariat examine l’évaluation et l’approuve.',
  'donor.valuation.explain.proposed':
    'Votre évaluation attend l’approbation du secrétariat ; vous pouvez encore la modifier.',
  'donor.valuation.explain.approved':
    'Le secrétariat a approuvé cette évaluation : elle compte comme votre contribution.',
  'donor.valuation.explain.rejected':
    'Le secrétariat n’a pas accepté cette évaluation : vous pouvez en proposer une autre.',
  'donor.valuation.propose': 'Proposer une évaluation',
  'donor.valuation.proposed': 'Évaluation proposée : le secrétariat va l’examiner',
  'donor.valuation.value': 'Valeur',
  'donor.valuation.method': 'Méthode',
  'donor.valuation.methodHelp': 'p. ex. prix de marché de services comparables, coût du personnel détaché',
  'donor.valuation.evidence': 'Justificatif',
  'donor.valuation.evidenceHelp': 'D’où vient la valeur : un devis, une facture, une grille salariale',

  'donor.offer.title': 'Proposer une contribution',
  'donor.offer.intro':
    'Le Réseau mondial UNESCO des villes apprenantes est financé par le mécanisme de financement multi-donateurs (MDFM) lancé à Medellín en 2019 et par des contributions volontaires, financières ou en nature, des villes membres, des gouvernements, des organisations multilatérales, du secteur privé, des fondations et de la société civile. Choisissez comment vous souhaitez contribuer.',
  'donor.offer.kind': 'Nature du soutien',
  'donor.offer.financialHelp': 'De l’argent, en un ou plusieurs versements',
  'donor.offer.inKindHelp': 'Services, lieux, publications, personnel détaché…',
  'donor.offer.option': 'Option de financement',
  'donor.offer.subOption': 'Comment',
  'donor.offer.bienniumHelp': 'La période de deux ans que vous soutenez',
  'donor.offer.focusHelp': 'Facultatif : là où vous souhaitez que votre soutien aille',
  'donor.offer.amountHelp': 'Dans la devise de votre choix, par exemple 50000 ou 50000.00',
  'donor.offer.firstDueHelp': 'Facultatif : l’échéance du premier versement ; laissez vide pour un seul paiement',
  'donor.offer.inKindDescriptionHelp': 'Ce que vous offrez, pour combien de temps et à qui',
  'donor.offer.quantity': 'Quantité',
  'donor.offer.unit': 'Unité',
  'donor.offer.unitHelp': 'p. ex. mois-personne, jours, exemplaires',
  'donor.offer.note': 'Message au secrétariat',
  'donor.offer.whatNext':
    'Votre proposition parvient au secrétariat « en discussion » : il vous contacte pour en convenir des modalités avant toute échéance.',
  'donor.offer.submit': 'Envoyer la proposition',
  'donor.offer.sent': 'Proposition envoyée au secrétariat',

  'donor.option.intro': 'Ce que finance votre soutien : le fonds commun, ou l’un des trois domaines prioritaires.',
  'donor.option.mdfm.title': 'Contribuer au fonds commun MDFM',
  'donor.option.mdfm.text':
    'Le MDFM soutient la stratégie du réseau au bénéfice des villes membres, en particulier des villes d’Afrique et des pays à faible revenu. Son objectif initial est de 1 million de dollars des États-Unis pour chaque période de deux ans.',
  'donor.option.areas':
    'Autres contributions volontaires — trois domaines jugés prioritaires par l’équipe de coordination :',
  'donor.option.capacity_building_ldc.title':
    '1. Renforcement des capacités et formation des décideurs municipaux des pays les moins avancés',
  'donor.option.capacity_building_ldc.text':
    'Aide les décideurs municipaux (de villes membres ou non) des pays les moins avancés à élaborer et mettre en œuvre des politiques et stratégies locales d’apprentissage tout au long de la vie, avec des objectifs et des résultats concrets.',
  'donor.option.thematic_study.title':
    '2. Étude thématique internationale, régionale ou sous-régionale dans le cadre des villes apprenantes',
  'donor.option.thematic_study.text':
    'Des lignes directrices, recommandations et outils sur des thèmes importants — suivi de la mise en œuvre de l’apprentissage tout au long de la vie, gouvernance participative, développement durable par l’apprentissage tout au long de la vie — pour guider et inspirer les villes.',
  'donor.option.communication_exchange.title': '3. Communication, partage et échanges internationaux et régionaux',
  'donor.option.communication_exchange.text':
    'Approfondit la communication, le partage et les échanges entre villes membres sur les politiques et stratégies d’apprentissage tout au long de la vie pour le développement durable, par l’une de ces options :',
  'donor.option.other':
    'Ces options n’épuisent pas toutes les possibilités : pour étudier un autre partenariat, écrivez à l’équipe de coordination à',
  'donor.subOption.host_event': 'Accueillir ou financer des réunions et événements internationaux ou régionaux du GNLC',
  'donor.subOption.fund_publication': 'Financer des publications thématiques du GNLC',
  'donor.subOption.fund_peer_learning_database':
    'Financer une base de données d’apprentissage entre pairs pour les villes membres',
  'donor.subOption.seconded_staff': 'Détacher du personnel auprès de l’équipe de coordination du GNLC',

  'donor.statement.title': 'Relevé',
  'donor.statement.date': 'Date',
  'donor.statement.kind.receipt': 'Paiement reçu',
  'donor.statement.kind.in_kind': 'En nature (évaluation approuvée)',
  'donor.statement.generated': 'Établi le',
  'donor.statement.empty': 'Aucune contribution reçue pour l’instant',
  'donor.statement.totalUsd': 'Total en USD',
  'donor.statement.withoutRate':
    '{n, plural, one {# contribution n’a pas de taux en USD connu et ne figure pas} other {# contributions n’ont pas de taux en USD connu et ne figurent pas}} dans le total en USD.',
  'donor.statement.note':
    'Les paiements comptent au taux de change enregistré à leur réception ; les contributions en nature à leur évaluation approuvée.',
  'donor.statement.download': 'Télécharger en CSV',
  'donor.statement.print': 'Imprimer',
};
