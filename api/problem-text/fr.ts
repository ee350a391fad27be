// French texts of the API's own problem messages, keyed by their English text with `{n}` for each
// interpolated value in order (gettext's way: the English source is the key, so a message keeps one
// spelling in the code). zod's messages are translated by zod itself (api/request-language.ts).
// test/api/problem-text.test.ts finds every message the code can send and requires its entry here.
// Values put into a message (a status, a cluster code, a date) stay as they are: they are data;
// a value that is itself an entry (the nouns below, used by "{0} not found") is translated.
export const FRENCH_PROBLEM_TEXT: Readonly<Record<string, string>> = {
  // Nouns put into other messages.
  allocation: 'allocation',
  'calendar feed': 'flux de calendrier',
  campaign: 'campagne',
  city: 'ville',
  country: 'pays',
  donor: 'donateur',
  fund: 'fonds',
  'membership application': "candidature d'adhésion",
  'membership call': "appel à candidatures d'adhésion",
  'next step': 'prochaine étape',
  partnership: 'partenariat',
  'peer-learning entry': "fiche d'apprentissage entre pairs",
  pledge: 'promesse de don',
  'progress report': "rapport d'avancement",
  'progress-report cycle': "cycle de rapports d'avancement",
  'reporting requirement': 'obligation de rapport',
  secondment: 'détachement',
  survey: 'enquête',
  unknown: 'inconnu',

  // The request itself.
  'Idempotency-Key is longer than 200 characters': 'Idempotency-Key dépasse 200 caractères',
  'Idempotency-Key must not be empty': 'Idempotency-Key ne doit pas être vide',
  'a request with this Idempotency-Key is being retried concurrently; retry it shortly':
    'une requête avec cette Idempotency-Key est déjà relancée en parallèle ; réessayez dans un instant',
  'a request with this Idempotency-Key is still in progress; retry it shortly':
    'une requête avec cette Idempotency-Key est encore en cours ; réessayez dans un instant',
  'this Idempotency-Key was used with a different request':
    'cette Idempotency-Key a été utilisée pour une autre requête',
  'send application/json': 'envoyez application/json',
  'the body has a lone surrogate: text that is not well-formed Unicode':
    "le corps contient un demi-code de substitution isolé : ce texte n'est pas de l'Unicode bien formé",
  'the body is not valid JSON': "le corps n'est pas du JSON valide",
  'the body is not valid UTF-8': "le corps n'est pas de l'UTF-8 valide",
  'the query string is not valid UTF-8 percent-encoding':
    "la chaîne de requête n'est pas un encodage-pourcent UTF-8 valide",
  'the request body exceeds the size limit': 'le corps de la requête dépasse la taille autorisée',
  'must not contain a lone surrogate (\\ud800-\\udfff without its pair)':
    'ne doit pas contenir de demi-code de substitution isolé (\\ud800-\\udfff sans sa paire)',
  'invalid {0}': '{0} invalide',
  'invalid {0} input: {1}': 'données de {0} invalides : {1}',
  'invalid answers': 'réponses invalides',
  'invalid body': 'corps invalide',
  'invalid entry': 'fiche invalide',
  'invalid meeting': 'réunion invalide',
  'invalid or expired': 'invalide ou expiré',
  'invalid plan: {0}': 'plan invalide : {0}',
  'invalid query': 'requête invalide',
  'invalid schedule': 'calendrier invalide',
  'invalid work plan': 'plan de travail invalide',
  '{0} is not served at {1}; it takes {2}': "{0} n'est pas servi sur {1} ; méthodes acceptées : {2}",
  'route {0} {1}': 'route {0} {1}',
  '{0} not found': '{0} introuvable',
  'failed with status code {0}': 'échec avec le code de statut {0}',

  // The engine and its dependencies.
  'a record with the same identity exists already': 'un enregistrement de même identité existe déjà',
  'a referenced record does not exist': "un enregistrement référencé n'existe pas",
  'an unexpected error occurred': "une erreur inattendue s'est produite",
  'the database is unavailable; retry shortly': 'la base de données est indisponible ; réessayez dans un instant',
  'the workflow service is unavailable; retry shortly':
    'le service des processus est indisponible ; réessayez dans un instant',
  "the engine's processes cannot run now ({0}); retry shortly":
    "les processus du moteur ne peuvent pas s'exécuter pour le moment ({0}) ; réessayez dans un instant",
  'the process did not answer in time; the request may still take effect: retry it with the same Idempotency-Key to learn its outcome':
    "le processus n'a pas répondu à temps ; la requête peut encore prendre effet : relancez-la avec la même Idempotency-Key pour en connaître l'issue",
  '{0} is already running': '{0} est déjà en cours',
  'the web app is not built: run npm run web:build':
    "l'application web n'est pas construite : lancez npm run web:build",
  '{0} {1} is listed twice': '{0} {1} figure deux fois',

  // Signing in, tokens and roles.
  'a city token needs cityId': 'un jeton de ville requiert cityId',
  'a donor token needs donorId': 'un jeton de donateur requiert donorId',
  'only city tokens carry cityId': 'seuls les jetons de ville portent cityId',
  'only donor tokens carry donorId': 'seuls les jetons de donateur portent donorId',
  'a token is revoked with DELETE /tokens/:id, not signed out':
    'un jeton se révoque par DELETE /tokens/:id, pas par une déconnexion',
  'only a signed-in person has a profile': 'seule une personne connectée a un profil',
  'this sign-in link is invalid or has expired; ask for a new one':
    'ce lien de connexion est invalide ou a expiré ; demandez-en un nouveau',
  'too many sign-in links were asked for; retry in a quarter of an hour':
    "trop de liens de connexion ont été demandés ; réessayez dans un quart d'heure",
  'too many failed authentication attempts; retry later': "trop d'échecs d'authentification ; réessayez plus tard",
  'this token does not act for that city': "ce jeton n'agit pas pour cette ville",
  'this token does not act for that donor': "ce jeton n'agit pas pour ce donateur",
  'this token is read-only': 'ce jeton est en lecture seule',
  'requires one of: {0}': "requiert l'un des rôles : {0}",
  'only a current coordinator of {0} or the secretariat may do this':
    'seuls un coordinateur actuel de {0} ou le secrétariat peuvent le faire',
  '{0} has an account already': '{0} a déjà un compte',
  'no such donor': 'donateur inexistant',
  'unknown donor': 'donateur inconnu',

  // Cities, clusters and restructuring.
  'only the secretariat changes a city status': "seul le secrétariat modifie le statut d'une ville",
  'city status is {0}; only member cities join clusters':
    'le statut de la ville est {0} ; seules les villes membres rejoignent des groupes',
  '{0} is already a member of {1}': '{0} est déjà membre de {1}',
  'city {0} is not a member of {1}': "la ville {0} n'est pas membre de {1}",
  'cluster {0} is retired': 'le groupe {0} est retiré',
  'no active cluster {0}': 'aucun groupe actif {0}',
  'unknown or retired cluster': 'groupe inconnu ou retiré',
  'unknown or retired clusters': 'groupes inconnus ou retirés',
  'a cluster cannot succeed itself': 'un groupe ne peut pas se succéder à lui-même',
  'a cluster is listed twice': 'un groupe figure deux fois',
  'a membership to end began after the effective date': "une adhésion à clore a commencé après la date d'effet",
  'the moves do not fit the clusters as they are': 'les transferts ne correspondent pas aux groupes actuels',
  'an election is open in {0}: decide or cancel it first':
    "une élection est ouverte dans {0} : tranchez-la ou annulez-la d'abord",
  'must be on or after {0}': 'doit être le {0} ou après',
  'no cluster {0}': 'aucun groupe {0}',
  '{0} is itself retiring': '{0} est lui-même en cours de retrait',
  '{0} is moved twice': '{0} est transféré deux fois',
  '{0} is retired': '{0} est retiré',
  '{0} is retired already': '{0} est déjà retiré',
  'no such city': 'ville inexistante',
  'unknown city': 'ville inconnue',
  'unknown cities: {0}': 'villes inconnues : {0}',
  'no such country': 'pays inexistant',
  'unknown country': 'pays inconnu',
  'no country {0}': 'aucun pays {0}',

  // Elections.
  'a ballot must approve at least one nominee': 'un bulletin doit approuver au moins un candidat',
  'a ballot may approve at most {0} nominee{1} (got {2})':
    'un bulletin peut approuver au plus {0} candidat(s) ({2} reçus)',
  'nominee {0} is approved more than once': 'le candidat {0} est approuvé plus d’une fois',
  'city {0} is not a nominee in this election': "la ville {0} n'est pas candidate à cette élection",
  'city {0} is already nominated': 'la ville {0} est déjà candidate',
  'city {0} is not nominated': "la ville {0} n'est pas candidate",
  'city {0} is not eligible to vote in {1}': "la ville {0} n'a pas le droit de vote dans {1}",
  'city {0} is not one of the tied nominees': 'la ville {0} ne fait pas partie des candidats à égalité',
  'choose exactly {0} of the tied nominees': 'choisissez exactement {0} des candidats à égalité',
  'coordinators are already appointed': 'les coordinateurs sont déjà désignés',
  'at most {0} coordinator(s) may be appointed': 'au plus {0} coordinateur(s) peuvent être désignés',
  'only member cities of the cluster may nominate': 'seules les villes membres du groupe peuvent présenter un candidat',
  'only the nominated city may accept': 'seule la ville proposée peut accepter',
  'only the nominee, its nominator or the secretariat may withdraw':
    'seuls le candidat, la ville qui l’a proposé ou le secrétariat peuvent le retirer',
  'the nomination is already accepted': 'la candidature est déjà acceptée',
  'the tie is already broken': "l'égalité est déjà départagée",
  'the election is already {0}': "l'élection est déjà à l'état « {0} »",
  '{0} is not possible while the election is {1}': "{0} n'est pas possible tant que l'élection est à l'état « {1} »",
  '{0} closed at {1}': '{0} : clos le {1}',
  'an election for {0} is already running': 'une élection pour {0} est déjà en cours',
  "termStart must be after the current term's start ({0})":
    'termStart doit être postérieur au début du mandat en cours ({0})',

  // Workshops, meetings, work plans.
  'RSVPs are not open (the workshop is {0})': "les réponses ne sont pas ouvertes (l'atelier est à l'état « {0} »)",
  'a city is listed twice in attendance': 'une ville figure deux fois dans les présences',
  'a workshop that is {0} cannot be rescheduled': "un atelier à l'état « {0} » ne peut pas être reprogrammé",
  'advisory sessions are held by the secretariat': 'les sessions de conseil sont tenues par le secrétariat',
  'city {0} is not invited to this workshop': "la ville {0} n'est pas invitée à cet atelier",
  'city {0} was not invited to this workshop': "la ville {0} n'a pas été invitée à cet atelier",
  'outcomes are submitted after the workshop; it is {0}':
    "les résultats se soumettent après l'atelier ; il est à l'état « {0} »",
  'must not be after startsAt': 'ne doit pas être postérieur à startsAt',
  'the proposal is already {0}': "la proposition est déjà à l'état « {0} »",
  'city {0} is not a coordinator of {1} asked to report at this meeting':
    "la ville {0} n'est pas un coordinateur de {1} appelé à faire rapport à cette réunion",
  'city {0} is not asked to report for {1} at this meeting':
    "la ville {0} n'est pas appelée à faire rapport pour {1} à cette réunion",
  'only the secretariat and the coordinators asked to report may read this meeting':
    'seuls le secrétariat et les coordinateurs appelés à faire rapport peuvent consulter cette réunion',
  'required for the secretariat': 'obligatoire pour le secrétariat',
  'the meeting began at {0}; reports are closed': 'la réunion a commencé le {0} ; les rapports sont clos',
  'the meeting is {0}': "la réunion est à l'état « {0} »",
  'the meeting is {0}; reports are closed': "la réunion est à l'état « {0} » ; les rapports sont clos",
  '{0} has no work plan to report on': "{0} n'a pas de plan de travail sur lequel faire rapport",
  '{0} before the due date {1} is not after now: the reminder could never be sent':
    "{0} avant l'échéance {1} n'est pas dans le futur : le rappel ne pourrait jamais être envoyé",
  'reports would be due at {0}, which is past': 'les rapports seraient dus le {0}, date déjà passée',
  'must have a fixed length (weeks, days, hours…), not years or months':
    'doit avoir une durée fixe (semaines, jours, heures…), pas des années ni des mois',
  'key {0} is used twice': 'la clé {0} est utilisée deux fois',
  'output {0} of the {1} plan of {2}': 'résultat {0} du plan {1} de {2}',
  'must not be before dueFrom': 'ne doit pas être antérieur à dueFrom',
  'phase {0} of {1} is open already': 'la phase {0} de {1} est déjà ouverte',
  'only a city has calendar feeds of its own': 'seule une ville a ses propres flux de calendrier',
  'unknown event kind(s) {0}; known: {1}': "type(s) d'événement inconnu(s) {0} ; types connus : {1}",

  // Peer learning, partnerships.
  'a city sees its own partnerships only': 'une ville ne voit que ses propres partenariats',
  'already in the registry': 'déjà dans le registre',
  'give either africanCityId or newAfricanCity': 'donnez soit africanCityId, soit newAfricanCity',
  'must be a city in Africa': 'doit être une ville d’Afrique',
  'must be a member city': 'doit être une ville membre',
  'must be a member or a candidate city': 'doit être une ville membre ou candidate',
  'must differ from the supporting city': 'doit différer de la ville qui apporte son soutien',
  'must be after startsAt': 'doit être postérieur à startsAt',
  'must be after startsOn': 'doit être postérieur à startsOn',
  'an activity lasts at most {0}': 'une activité dure au plus {0}',
  'the partnership cannot be recorded': 'le partenariat ne peut pas être enregistré',
  'the partnership is completed': 'le partenariat est terminé',
  'the pledge cannot be linked': 'la promesse de don ne peut pas être liée',
  'this city is already in the registry: give its africanCityId':
    'cette ville est déjà dans le registre : donnez son africanCityId',
  'unknown outcome': 'issue inconnue',

  // Membership calls.
  'a call may be open at most {0}': 'un appel peut rester ouvert au plus {0}',
  'must be within {0}': 'doit être compris dans {0}',
  'an admitted city joins a cluster': 'une ville admise rejoint un groupe',
  'must be a UNESCO Member State': "doit être un État membre de l'UNESCO",
  'not a UNESCO Member State': "pas un État membre de l'UNESCO",
  'not a juror of this call': 'pas un juré de cet appel',
  'not on this jury': 'pas dans ce jury',
  '{0} is on this jury already': '{0} fait déjà partie de ce jury',
  'the application is {0}': "la candidature est à l'état « {0} »",
  'the application is {0}, not with the jury': "la candidature est à l'état « {0} », pas auprès du jury",
  'the call is {0}': "l'appel est à l'état « {0} »",
  'the call has closed: the address can no longer be confirmed':
    "l'appel est clos : l'adresse ne peut plus être confirmée",
  'this link acts on another application only': "ce lien n'agit que sur une autre candidature",
  'this link is not valid': "ce lien n'est pas valide",
  'this link is not valid (unknown, or replaced by a newer one)':
    "ce lien n'est pas valide (inconnu, ou remplacé par un lien plus récent)",
  'this link is not valid (unknown, expired, or the call has closed)':
    "ce lien n'est pas valide (inconnu, expiré, ou l'appel est clos)",
  'too many applications from this client; retry later': 'trop de candidatures depuis ce client ; réessayez plus tard',
  '{0} has {1} endorsed applications in this call already; the limit is {2}':
    '{0} a déjà {1} candidatures approuvées dans cet appel ; la limite est de {2}',

  // Surveys and progress reports.
  'a choice needs at least 2 options': 'un choix requiert au moins 2 options',
  'a question id is used twice': 'un identifiant de question est utilisé deux fois',
  'a {0} question has no options': "une question de type {0} n'a pas d'options",
  'an answer is required': 'une réponse est obligatoire',
  'an option is chosen twice': 'une option est choisie deux fois',
  'an option is listed twice': 'une option figure deux fois',
  'must be a list of the options': 'doit être une liste des options',
  'must be a text': 'doit être un texte',
  'must be a whole number {0}–{1}': 'doit être un nombre entier de {0} à {1}',
  'must be after opensAt': 'doit être postérieur à opensAt',
  'must be at most {0} characters': 'doit compter au plus {0} caractères',
  'must be in the future': 'doit être dans le futur',
  'must be one of the options': "doit être l'une des options",
  'no such question in this survey': "cette question n'existe pas dans cette enquête",
  'only a text question has a maximum length': 'seule une question de texte a une longueur maximale',
  'the survey is {0}': "l'enquête est à l'état « {0} »",
  'the survey may be open at most {0}': "l'enquête peut rester ouverte au plus {0}",
  'this city is not asked in this survey': "cette ville n'est pas interrogée dans cette enquête",
  'a cycle may be open at most {0}': 'un cycle peut rester ouvert au plus {0}',
  'a city reads and writes its own progress report only':
    "une ville ne lit et n'écrit que son propre rapport d'avancement",
  'the biennium {0} already has a progress-report cycle':
    "l'exercice biennal {0} a déjà un cycle de rapports d'avancement",

  // Donors, pledges, receipts.
  'a donor is listed twice': 'un donateur figure deux fois',
  'a donor may change its contact only': 'un donateur ne peut modifier que son contact',
  'a donor may move its pledge to {0} only': 'un donateur ne peut faire passer sa promesse qu’à : {0}',
  'a donor token lists its own pledges only': 'un jeton de donateur ne liste que ses propres promesses',
  'donors already in the campaign': 'donateurs déjà dans la campagne',
  'give 1 to {0} donors': 'donnez de 1 à {0} donateurs',
  'no donor {0}': 'aucun donateur {0}',
  'unknown donors': 'donateurs inconnus',
  'the campaign is closed': 'la campagne est close',
  'the campaign is closing or closed': 'la campagne est en cours de clôture ou close',
  'the {0} campaign exists already': 'la campagne {0} existe déjà',
  'a note giving the reason is required to move to {0}': 'une note donnant la raison est requise pour passer à {0}',
  'a pledge has at most {0} reporting requirements': 'une promesse a au plus {0} obligations de rapport',
  'a pledge has at most {0} secondments': 'une promesse a au plus {0} détachements',
  'a pledge that is {0} has no instalments to waive; waive while {1}':
    "une promesse à l'état « {0} » n'a pas d'échéance à annuler ; annulez-en à l'état : {1}",
  'a pledge that is {0} owes no reports; record them once it is pledged':
    "une promesse à l'état « {0} » ne doit pas de rapports ; enregistrez-les une fois la promesse faite",
  'a pledge that is {0} takes no receipts; receipts are recorded while {1}':
    "une promesse à l'état « {0} » ne reçoit pas de versements ; ils s'enregistrent à l'état : {1}",
  'an in-kind pledge has no amount to split': "une promesse en nature n'a pas de montant à répartir",
  'an in-kind pledge has no instalments': "une promesse en nature n'a pas d'échéances",
  'an in-kind pledge takes no receipts': 'une promesse en nature ne reçoit pas de versements',
  'only a financial pledge can be split': 'seule une promesse financière peut être répartie',
  'only an in-kind pledge takes secondments': 'seule une promesse en nature reçoit des détachements',
  'only in-kind pledges have a valuation': 'seules les promesses en nature ont une valorisation',
  'only the secretariat approves a valuation': 'seul le secrétariat approuve une valorisation',
  'the valuation is approved already': 'la valorisation est déjà approuvée',
  'there is no proposed valuation to decide on (it is {0})':
    "il n'y a pas de valorisation proposée à trancher (elle est à l'état « {0} »)",
  "at most {0} minor units in the pledge's currency": 'au plus {0} unités mineures dans la devise de la promesse',
  'every instalment must be more than zero': 'chaque échéance doit être supérieure à zéro',
  'instalment {0} is {1}; only an unsettled one can be waived':
    "l'échéance {0} est à l'état « {1} » ; seule une échéance non réglée peut être annulée",
  'instalments sum to more than the pledge of {0} minor units':
    'les échéances dépassent la promesse de {0} unités mineures',
  'instalments sum to {0} minor units, the pledge is {1}':
    'les échéances totalisent {0} unités mineures, la promesse {1}',
  '{0} instalments cannot share {1} minor units': '{0} échéances ne peuvent pas se partager {1} unités mineures',
  'the last instalment would be due after {0}': 'la dernière échéance tomberait après le {0}',
  'the pledge has no instalment {0}': "la promesse n'a pas d'échéance {0}",
  'the pledge is fulfilled once paid in full; {0} is outstanding':
    'la promesse est honorée une fois payée en totalité ; il reste {0} à payer',
  'the pledge is {0}': "la promesse est à l'état « {0} »",
  'the receipt amount must be a positive number of minor units':
    'le montant du versement doit être un nombre positif d’unités mineures',
  'the receipt is worth more than {0} minor units of {1}': 'le versement vaut plus de {0} unités mineures de {1}',
  'must be more than zero': 'doit être supérieur à zéro',
  'must be a decimal string such as "1250.50"': 'doit être un nombre décimal écrit comme "1250.50"',
  'must be at most {0} {1} (10^15 minor units)': 'doit être au plus de {0} {1} (10^15 unités mineures)',
  '{0} has {1} decimal place{2}; got {3}': '{0} a {1} décimale(s) ; reçu {3}',
  'unsupported currency {0}': 'devise non prise en charge {0}',

  // Funds, rates, reporting, secondments, contacts.
  'a fund is listed twice': 'un fonds figure deux fois',
  'a city is listed twice': 'une ville figure deux fois',
  'basis points must sum to 10000': 'les points de base doivent totaliser 10000',
  'give every part in basisPoints or every part as amount':
    'donnez toutes les parts en basisPoints ou toutes en montant',
  'give the rate, or record one at /fx-rates first': "donnez le taux, ou enregistrez-en un d'abord sur /fx-rates",
  "must be {0}, the allocation's currency": "doit être {0}, la devise de l'allocation",
  'the allocation is in {0}': "l'allocation est en {0}",
  'the fund {0} has {1} USD available; this allocation is {2} USD':
    'le fonds {0} dispose de {1} USD ; cette allocation est de {2} USD',
  'the parts sum to {0} minor units, the pledge is {1}': 'les parts totalisent {0} unités mineures, la promesse {1}',
  'the pledge has {0} receipt(s), credited by its split of their day; its split can no longer change':
    'la promesse a {0} versement(s), crédité(s) selon sa répartition du jour ; sa répartition ne peut plus changer',
  'no {0} rate on or before {1}': 'aucun taux {0} le {1} ou avant',
  "no {0} rate on or before {1} to convert the receipt into the pledge's currency":
    'aucun taux {0} le {1} ou avant pour convertir le versement dans la devise de la promesse',
  'record a {0} rate (POST /fx-rates) first': "enregistrez d'abord un taux {0} (POST /fx-rates)",
  'record a {0} rate (POST /fx-rates) or give fxRateToUsd':
    'enregistrez un taux {0} (POST /fx-rates) ou donnez fxRateToUsd',
  'record a {0} rate first': "enregistrez d'abord un taux {0}",
  'at most {0} rates per import': 'au plus {0} taux par import',
  'expected 3 columns': '3 colonnes attendues',
  'no rates in the file': 'aucun taux dans le fichier',
  'the first line must be the header currency,date,rateToUsd':
    "la première ligne doit être l'en-tête currency,date,rateToUsd",
  '{0} invalid line(s); nothing was imported': "{0} ligne(s) invalide(s) ; rien n'a été importé",
  'a report is a URL or a file': 'un rapport est une URL ou un fichier',
  'give a URL or a file, not both': 'donnez une URL ou un fichier, pas les deux',
  'give a URL, or a fileName with its checksum': 'donnez une URL, ou un fileName avec sa somme de contrôle',
  'required with a checksum': 'obligatoire avec une somme de contrôle',
  'required with a fileName': 'obligatoire avec un fileName',
  'must be at most a year ago': 'doit dater d’au plus un an',
  'must be at most ten years ahead': 'doit être au plus dix ans dans le futur',
  'the requirement is no longer owed': "l'obligation n'est plus due",
  'the requirement is {0}': "l'obligation est à l'état « {0} »",
  'dueOn must be a calendar date': 'dueOn doit être une date du calendrier',
  'a secondment spans at most {0} months': 'un détachement s’étend sur au plus {0} mois',
  'must not be before startOn': 'ne doit pas être antérieur à startOn',
  'only when host is city': 'seulement quand host vaut city',
  'required when host is city': 'obligatoire quand host vaut city',
  'the secondment runs from {0} to {1}; {2} is outside it': 'le détachement court du {0} au {1} ; {2} est en dehors',
  '{0} has not started yet': "{0} n'a pas encore commencé",
  '{0} is not over yet': "{0} n'est pas encore terminé",
  'dueOn must be a date': 'dueOn doit être une date',
  'step must be a short text': 'step doit être un texte court',
  'the next step is done': 'la prochaine étape est faite',
  'the next step is done already': 'la prochaine étape est déjà faite',
  'this confirmation link is invalid, used or has expired':
    'ce lien de confirmation est invalide, déjà utilisé ou expiré',
  'too many inquiries; retry in a quarter of an hour': "trop de demandes ; réessayez dans un quart d'heure",
  'the {0} is {1}': '{0} : état « {1} »',

  // Field checks of the shared schemas (domain/schemas.ts, domain/*.contract.ts, zod refinements).
  'must be a calendar date YYYY-MM-DD': 'doit être une date du calendrier AAAA-MM-JJ',
  'must be {0}': 'doit être {0}',
  'must be {0} (UTC)': 'doit être {0} (UTC)',
  'must be between {0} and {1}': 'doit être compris entre {0} et {1}',
  'must be between {0} and {1} (UTC)': 'doit être compris entre {0} et {1} (UTC)',
  'must be well-formed Unicode (no lone surrogates)':
    "doit être de l'Unicode bien formé (sans demi-code de substitution isolé)",
  'must not contain control characters{0}': 'ne doit pas contenir de caractères de contrôle{0}',
  'must not contain control characters': 'ne doit pas contenir de caractères de contrôle',
  'must not contain control characters (other than line breaks and tabs)':
    'ne doit pas contenir de caractères de contrôle (hors sauts de ligne et tabulations)',
  'must contain a visible character': 'doit contenir un caractère visible',
  'must be a decimal integer (digits only)': 'doit être un entier décimal (chiffres uniquement)',
  'must be an ISO 8601 duration such as P14D or PT5S': 'doit être une durée ISO 8601 comme P14D ou PT5S',
  'must be at most {0}': 'doit être au plus {0}',
  'must be at least {0}': 'doit être au moins {0}',
  'must be from P1W to P1Y': 'doit être compris entre P1W et P1Y',
  'must be a positive fixed length (weeks, days, hours…), not years or months':
    'doit être une durée fixe positive (semaines, jours, heures…), pas des années ni des mois',
  'must be in weeks, days or hours (no years or months)': 'doit être en semaines, jours ou heures (ni années ni mois)',
  'must be a year YYYY': 'doit être une année AAAA',
  'must be a month YYYY-MM between 2012-01 and 2100-12': 'doit être un mois AAAA-MM entre 2012-01 et 2100-12',
  'must be a biennium such as "2021-2023" (second year = first + 2), from 2019-2021 to 2098-2100':
    'doit être un exercice biennal comme "2021-2023" (seconde année = première + 2), de 2019-2021 à 2098-2100',
  'must be an ISO 3166-1 alpha-2 code': 'doit être un code ISO 3166-1 alpha-2',
  'must be a cluster code such as ESD': 'doit être un code de groupe comme ESD',
  'must be a cluster code (letters, digits, hyphens)':
    'doit être un code de groupe (lettres, chiffres, traits d’union)',
  'must be an IANA time zone such as Africa/Nairobi': 'doit être un fuseau horaire IANA comme Africa/Nairobi',
  'must be an IANA time zone such as Europe/Paris': 'doit être un fuseau horaire IANA comme Europe/Paris',
  'must be a path of the web app': "doit être un chemin de l'application web",
  'must be a path of the web app, starting with /app': "doit être un chemin de l'application web, commençant par /app",
  'must be an http(s) URL without credentials': 'doit être une URL http(s) sans identifiants',
  'must be a file name, not a path': 'doit être un nom de fichier, pas un chemin',
  'must be the SHA-256 of the file, 64 lower-case hex digits':
    'doit être le SHA-256 du fichier, 64 chiffres hexadécimaux en minuscules',
  'must be an IATI organisation identifier such as GB-GOV-1':
    "doit être un identifiant d'organisation IATI comme GB-GOV-1",
  'must be an active ISO 4217 currency code in capitals, such as EUR or MZN':
    'doit être un code de devise ISO 4217 en vigueur, en capitales, comme EUR ou MZN',
  'must be a supported currency': 'doit être une devise prise en charge',
  'must be a positive decimal string with at most 12 decimals, such as "1.0834"':
    'doit être un nombre décimal positif d’au plus 12 décimales, comme "1.0834"',
  'must be a positive decimal string with at most 12 decimals':
    'doit être un nombre décimal positif d’au plus 12 décimales',
  'must be a decimal string': 'doit être un nombre décimal écrit en texte',
  'USD is the base currency (rate 1)': 'USD est la devise de référence (taux 1)',
  'lower-case letters, digits, _ . - (at most 64)': 'lettres minuscules, chiffres, _ . - (au plus 64)',
  'must be 1–40 lower-case letters, digits, - or _, starting with a letter':
    'doit compter de 1 à 40 lettres minuscules, chiffres, - ou _, en commençant par une lettre',
  'at most 4 decimal places': 'au plus 4 décimales',
  'at most one decimal': 'au plus une décimale',
  'at least one field must be given': 'au moins un champ doit être donné',
  'must be on or after from': 'doit être égal ou postérieur à from',
  'must be after from': 'doit être postérieur à from',
  'must not be before from': 'ne doit pas être antérieur à from',
  'send the rates as text/csv': 'envoyez les taux en text/csv',
  'the same reminder lead is given twice': 'le même délai de rappel est donné deux fois',
  'give status, dueOn or step': 'donnez status, dueOn ou step',
  'a step marked done is not rescheduled': 'une étape faite ne se reprogramme pas',
  'give basisPoints or amount, not both': 'donnez basisPoints ou amount, pas les deux',
  'a goal is listed twice': 'un objectif figure deux fois',
  'an area is listed twice': 'un domaine figure deux fois',
  'at most {0} answers': 'au plus {0} réponses',
  'must be at most {0} words': 'doit compter au plus {0} mots',
  "the mayor's endorsement must be confirmed": "l'approbation du maire doit être confirmée",
  'give a quantity and unit, or a valuation': 'donnez une quantité et une unité, ou une valorisation',
  'a pledge cannot go from {0} to {1}; from {2} it can go to: {3}':
    'une promesse ne peut pas passer de {0} à {1} ; depuis {2} elle peut passer à : {3}',
  'a pledge cannot go from {0} to {1}; {2} is final':
    'une promesse ne peut pas passer de {0} à {1} ; {2} est définitif',
  "a donor's offer starts in_discussion; status is for the secretariat":
    "l'offre d'un donateur commence à in_discussion ; le statut relève du secrétariat",

  // Windows and links of calls, cycles, surveys, partnerships.
  'the call is not open yet': "l'appel n'est pas encore ouvert",
  'the call is closed': "l'appel est clos",
  'the cycle is not open yet': "le cycle n'est pas encore ouvert",
  'the report is past its due date': 'le rapport a dépassé son échéance',
  'the survey is not open yet': "l'enquête n'est pas encore ouverte",
  'the survey is closed': "l'enquête est close",
  "this link scores its own call's applications only": 'ce lien ne note que les candidatures de son propre appel',
  "the National Commission's window has ended": 'le délai de la Commission nationale est écoulé',
  "a city token sees its own city's schedule only": 'un jeton de ville ne voit que le calendrier de sa ville',
  "only the supporting city's representative may do this":
    'seul le représentant de la ville qui apporte son soutien peut le faire',
  'this period’s report is filed; the next may be filed once its period begins':
    'le rapport de cette période est déposé ; le suivant pourra l’être dès le début de sa période',
  'city {0} has served the limit of {1} consecutive terms':
    'la ville {0} a atteint la limite de {1} mandats consécutifs',
};
