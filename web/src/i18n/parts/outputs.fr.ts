import type { outputsEn } from './outputs.en.js';

export const outputsFr: Record<keyof typeof outputsEn, string> = {
  'nav.outputTimeline': 'Calendrier des produits',
  'outputs.title': 'Produits des plans de travail de tous les groupes',
  'outputs.intro':
    'Les produits des plans de travail de chaque groupe pour un biennium, par échéance. Les coordinateurs sont relancés avant l’échéance d’un produit (14 jours avant, sauf si son plan fixe un autre délai), et informés avec le secrétariat dès qu’il est en retard.',
  'outputs.biennium': 'Biennium',
  'outputs.cluster': 'Groupe',
  'outputs.allClusters': 'Tous les groupes',
  'outputs.status': 'Statut',
  'outputs.allStatuses': 'Tous les statuts',
  'outputs.list': 'Produits par échéance',
  'outputs.none': 'Aucun produit de plan de travail pour ce biennium',
  'outputs.noneHint':
    'Les produits apparaissent ici dès que le plan de travail d’un groupe pour le biennium est enregistré.',
  'outputs.count': '{n, plural, one {# produit} other {# produits}}',
  'outputs.due': 'Échéance le {date}',
  'outputs.progress': 'Avancement',
  'outputs.progressValue': '{value} sur {target} {unit}',
  'outputs.noProgress': 'Aucun avancement enregistré',
  'outputs.lastUpdate': 'Dernière mise à jour',
  'outputs.workPlan': 'Plan de travail de {cluster}',
  'outputs.history': 'Historique ({n})',
  'outputs.historyOf': 'Historique de {title}',
  'outputs.historyNone': 'Aucune entrée pour le moment.',
  'outputs.source.meeting': 'Rapport à la réunion des coordinateurs',
  'outputs.source.direct': 'Mise à jour directe',
  'outputs.reported': 'jugé {status}',
  'status.done': 'Terminé',
  'outputs.city.nav': 'Produits du plan de travail',
  'outputs.city.title': 'Produits du plan de travail de mes groupes',
  'outputs.city.intro':
    'Les produits des plans de travail de vos groupes pour {biennium}, par échéance, avec leur avancement. Les coordinateurs du groupe enregistrent ici l’avancement.',
  'outputs.city.youCoordinate':
    'Votre ville coordonne ce groupe : vous pouvez enregistrer l’avancement de ses produits.',
  'outputs.city.noneHint':
    'Les produits apparaissent ici dès que les coordinateurs enregistrent le plan de travail du groupe pour la période biennale.',
  'outputs.city.listOf': 'Produits de {cluster} par échéance',
  'outputs.city.record': 'Enregistrer l’avancement',
  'outputs.city.recordFor': 'Enregistrer l’avancement : {title}',
  'outputs.city.recorded': 'Avancement enregistré',
  'outputs.city.value': 'Valeur atteinte ({unit})',
  'outputs.city.valueHint': 'La cible est de {target} {unit}.',
  'outputs.city.date': 'Date',
  'outputs.city.note': 'Note',
};
