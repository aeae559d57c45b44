import type { importEn } from './en';

/** Messages français de l’assistant d’import (voir en.ts). */
export const importFr: Record<keyof typeof importEn, string> = {
  'import.open': 'Importer…',
  'import.chooseTitle': 'Choisir un export à importer',
  'import.mappingTitle': 'Choisir un fichier de correspondance',
  'import.filesTitle': 'Choisir le dossier qui contient les fichiers de l’export',
  'import.exportFiles': 'Fichiers d’export (XML, CSV, XLSX, JSONL)',
  'import.mappingFiles': 'Fichiers de correspondance (JSON)',

  'import.title': 'Importer depuis un autre outil',
  'import.stepOf': 'Étape {n} sur {total}',
  'import.close': 'Fermer',
  'import.back': 'Retour',
  'import.next': 'Suivant',

  'import.fileTitle': 'Fichier et source',
  'import.fileIntro':
    'Choisissez un export de Martus (XML), d’Uwazi (CSV) ou de KoboToolbox (CSV ou XLSX), ou un fichier CSV ou JSONL. Rien n’est écrit avant votre confirmation.',
  'import.chooseFile': 'Choisir un fichier…',
  'import.chosenFile': 'Fichier : {name} ({size})',
  'import.source': 'Outil d’origine',
  'import.sourceByContent': 'Reconnue d’après le contenu du fichier.',
  'import.sourceByExtension': 'Devinée d’après le nom du fichier : vérifiez-la.',
  'import.sourceNone': 'Choisissez l’outil qui a produit ce fichier.',
  'import.sourcePick': 'Choisir l’outil d’origine',
  'import.source.martus': 'Martus (bulletins XML)',
  'import.source.uwazi': 'Uwazi (export CSV)',
  'import.source.kobo': 'KoboToolbox (CSV ou XLSX)',
  'import.source.csv': 'CSV (colonnes de témoignage, ou avec un fichier de correspondance)',
  'import.source.jsonl': 'JSONL (un enregistrement par ligne)',
  'import.mapping': 'Fichier de correspondance (facultatif) : {name}',
  'import.chooseMapping': 'Choisir un fichier de correspondance…',
  'import.filesFolder': 'Dossier des fichiers joints (facultatif) : {name}',
  'import.chooseFolder': 'Choisir un dossier…',
  'import.none': 'aucun',
  'import.reading': 'Lecture des premiers enregistrements…',
  'import.unreadable.empty': '{name} est vide : il n’y a rien à importer.',
  'import.unreadable.encoding':
    '{name} n’est pas du texte UTF-8. Enregistrez-le de nouveau en UTF-8 (dans un tableur : « CSV UTF-8 ») puis choisissez-le encore.',
  'import.unreadable.binary':
    '{name} n’est pas un export texte : il contient des données binaires.',
  'import.unreadable.unknown':
    '{name} ne ressemble ni à un export de Martus, d’Uwazi ou de KoboToolbox, ni à un fichier CSV ou JSONL. Si vous savez quel outil l’a produit, choisissez la source.',
  'import.error.file': '{name} ne peut pas être importé avec cette source. Le fichier indique :',
  'import.error.mapping': 'Le fichier de correspondance {name} est inutilisable :',
  'import.error.other': '{name} : {cause}',

  'import.previewTitle': 'Aperçu des premiers enregistrements',
  'import.previewCounts':
    '{read} enregistrements lus : {created} nouveaux, {updated} à mettre à jour, {unchanged} inchangés, {rejected} refusés.',
  'import.previewLimit':
    'L’aperçu lit au plus les {count} premiers enregistrements ; l’import les lit tous.',
  'import.mappingCaption': 'Ce que devient chaque champ de la source',
  'import.sourceField': 'Champ de la source',
  'import.testimonyField': 'Champ du témoignage',
  'import.rest': 'Tous les autres champs, en lignes « nom : valeur »',
  'import.target.consentStatus': 'Consentement',
  'import.target.consentScope': 'Portée du consentement',
  'import.target.consentDate': 'Date du consentement',
  'import.target.consentNote': 'Note sur le consentement',
  'import.ownFields':
    'Ce fichier suit le format des témoignages : ses colonnes sont les champs du témoignage.',
  'import.unmappedTitle': 'Champs de la source non importés',
  'import.gatheredTitle': 'Réunis dans le témoignage en lignes « nom : valeur »',
  'import.samplesCaption': 'Les premiers enregistrements tels qu’ils seront enregistrés',
  'import.position.line': 'ligne {n}',
  'import.position.row': 'rangée {n}',
  'import.position.record': 'enregistrement {n}',
  'import.colWhere': 'Où',
  'import.colFiles': 'Fichiers',
  'import.colReason': 'Motif',
  'import.rejectedTitle': 'Enregistrements refusés',
  'import.missingFiles':
    '{count} fichier(s) cité(s) dans ces enregistrements ne peuvent pas être joints (introuvables, ou aucun dossier choisi) ; les enregistrements sont importés sans eux.',

  'import.consentTitle': 'Consentement',
  'import.consentIntro':
    'Le consentement n’est jamais deviné. Choisissez le champ de la source qui indique le consentement de chaque personne, ou laissez-le inconnu ; vous pourrez le préciser ensuite sur chaque témoignage.',
  'import.consentLegend': 'D’où vient le consentement',
  'import.consentUnknown': 'Aucun champ : consentement « inconnu » pour chaque enregistrement',
  'import.consentOwn':
    'Ce fichier suit le format des témoignages : chaque enregistrement porte ses propres champs de consentement.',
  'import.consentAnswers':
    'Réponses comprises : yes / no, given / withdrawn, true / false, 1 / 0, oui / non, sí / no, نعم / لا. Un enregistrement avec une autre réponse est refusé.',
  'import.withoutConsent':
    '{count} des {read} enregistrements lus n’ont pas de consentement dans l’export : ils seront importés avec un consentement « inconnu ».',
  'import.checking': 'Vérification…',

  'import.confirmTitle': 'Confirmer',
  'import.confirmFile': 'Fichier',
  'import.confirmSource': 'Outil d’origine',
  'import.confirmMapping': 'Correspondance',
  'import.confirmFolder': 'Fichiers joints',
  'import.confirmConsent': 'Consentement',
  'import.defaultMapping': 'les réglages par défaut de cette source',
  'import.allOrNothing':
    'Tout le fichier est importé en une seule étape : si l’import est annulé ou échoue, rien n’est importé ni modifié. Les témoignages déjà importés du même export sont mis à jour, pas dupliqués.',
  'import.start': 'Importer',
  'import.cancelled': 'L’import a été annulé : rien n’a été importé ni modifié.',

  'import.progressTitle': 'Import en cours',
  'import.progressRecords': '{records} enregistrements lus',
  'import.progressBytes': '{done} sur {total}',
  'import.progressLabel': 'Progression de l’import',
  'import.cancel': 'Annuler l’import',

  'import.summaryTitle': 'Import terminé',
  'import.summaryCounts':
    '{created} nouveaux, {updated} mis à jour, {unchanged} inchangés, {rejected} refusés.',
  'import.summaryWithoutConsent':
    '{count} témoignages sont arrivés sans consentement : leur consentement est « inconnu ». Précisez-le avant de les partager.',
  'import.summaryAttached': '{count} fichier(s) joint(s).',
  'import.missingTitle': 'Fichiers qui n’ont pas pu être joints',
  'import.fileN': 'fichier {n}',
  'import.done': 'Retour aux archives',
};
