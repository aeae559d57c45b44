import type { MessageKey } from './en';
import { custodyFr } from './custody/fr';
import { vocabularyFr } from './vocabulary/fr';
import { importFr } from './import/fr';
import { teamFr } from './team/fr';

/** Français. Same keys as en.ts. */
export const fr: Record<MessageKey, string> = {
  'app.title': 'Testimony Vault',
  'app.startFailed': 'Testimony Vault n’a pas pu démarrer. Fermez-le puis rouvrez-le.',

  'create.title': 'Créer votre coffre',
  'create.intro':
    'Tout ce que vous conservez ici est chiffré sur cet ordinateur. Choisissez une phrase secrète : plusieurs mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.',
  'create.passphrase': 'Phrase secrète',
  'create.passphraseHint':
    'Au moins 8 caractères ; une phrase de quatre mots ou plus est préférable.',
  'create.passphraseAgain': 'Saisissez à nouveau la phrase secrète',
  'create.mismatch': 'Les deux phrases secrètes ne sont pas identiques.',
  'create.submit': 'Créer le coffre',
  'create.creating': 'Création du coffre…',

  'strength.empty': 'Robustesse : rien n’est saisi',
  'strength.0': 'Robustesse : trop courte',
  'strength.1': 'Robustesse : faible',
  'strength.2': 'Robustesse : moyenne',
  'strength.3': 'Robustesse : bonne',
  'strength.4': 'Robustesse : forte',

  'recovery.title': 'Votre clé de récupération',
  'recovery.explain':
    'Si vous oubliez la phrase secrète, cette clé est le seul moyen de rouvrir le coffre. Elle s’affiche maintenant, et plus jamais ensuite.',
  'recovery.offline':
    'Notez-la sur papier et gardez ce papier en lieu sûr, loin de cet ordinateur.',
  'recovery.notHere':
    'Ne l’enregistrez ni dans un fichier, ni en photo, ni dans un courriel sur cet ordinateur : qui la trouve peut ouvrir le coffre.',
  'recovery.once':
    'Personne, pas même les auteurs de cette application, ne peut la retrouver pour vous.',
  'recovery.written': 'Je l’ai notée',

  'confirm.title': 'Vérifiez votre copie',
  'confirm.explain':
    'Saisissez deux groupes de la clé depuis votre copie papier. Les groupes se comptent après « TV1 ».',
  'confirm.group': 'Groupe {n}',
  'confirm.wrong':
    'Cela ne correspond pas à la clé. Relisez votre copie, ou revenez en arrière pour voir la clé.',
  'confirm.back': 'Afficher la clé à nouveau',
  'confirm.submit': 'Confirmer',

  'unlock.title': 'Déverrouiller le coffre',
  'unlock.with': 'Déverrouiller avec',
  'unlock.passphrase': 'Phrase secrète',
  'unlock.recoveryKey': 'Clé de récupération',
  'unlock.enterPassphrase': 'Votre phrase secrète',
  'unlock.enterRecoveryKey': 'Votre clé de récupération',
  'unlock.recoveryHint': 'La clé qui commence par TV1-, telle que vous l’avez notée.',
  'unlock.submit': 'Déverrouiller',
  'unlock.busy': 'Déverrouillage…',

  'lock.now': 'Verrouiller',
  'lock.reason.user': 'Le coffre a été verrouillé.',
  'lock.reason.shortcut': 'Le coffre a été verrouillé avec le raccourci clavier.',
  'lock.reason.idle': 'Le coffre s’est verrouillé après un temps sans activité.',
  'lock.reason.suspend': 'Le coffre s’est verrouillé à la mise en veille de l’ordinateur.',
  'lock.reason.lockScreen': 'Le coffre s’est verrouillé au verrouillage de l’écran.',
  'lock.draftDiscarded':
    'Un témoignage que vous modifiiez n’a pas été enregistré : le verrouillage ne garde rien de ce qui n’était pas enregistré.',

  'nav.label': 'Principal',
  'nav.skip': 'Aller au contenu',
  'nav.archive': 'Archive',
  'nav.settings': 'Réglages',

  'archive.title': 'Témoignages',
  'archive.new': 'Nouveau témoignage',
  'archive.listLabel': 'Témoignages',
  'archive.detail': 'Témoignage sélectionné',
  'archive.loading': 'Chargement de l’archive…',
  'archive.count': '{shown} affichés sur {total}',
  'archive.empty': 'L’archive est vide. Ajoutez le premier témoignage avec « Nouveau témoignage ».',
  'archive.pick': 'Choisissez un témoignage dans la liste, ou ajoutez-en un.',

  'search.label': 'Rechercher dans les témoignages',
  'search.placeholder': 'Rechercher…',
  'search.warningSnippet':
    'Derrière un avertissement de contenu : ouvrez le témoignage pour le lire.',
  'search.count': 'Résultats affichés : {shown} (archive : {total})',
  'search.preparing': 'préparation de la recherche…',
  'search.failed': 'la recherche n’est pas disponible pour le moment',
  'search.help': 'Comment chercher',
  'search.help.words.example': 'menaces usine',
  'search.help.words':
    'les témoignages qui ont tous les mots, sous toute forme (« femme » trouve « femmes »)',
  'search.help.phrase.example': '"violence politique"',
  'search.help.phrase': 'ces mots ensemble, dans cet ordre',
  'search.help.or.example': 'menaces OR harcèlement',
  'search.help.or': 'l’un ou l’autre mot (OR en majuscules)',
  'search.help.not.example': 'menaces -internet',
  'search.help.not': 'écarter les témoignages qui ont ce mot (ou -"une phrase")',
  'search.help.fold':
    'Inutile de taper les accents, les formes de hamza, le tatweel, les variantes de lettres persanes et ourdoues ou le nukta devanagari : le mot est trouvé dans les deux cas.',

  'filters.title': 'Filtrer et trier',
  'filters.active': 'actifs',
  'filters.sort': 'Trier par',
  'filters.from': 'Depuis le',
  'filters.to': 'Jusqu’au',
  'filters.tag': 'Étiquette',
  'filters.language': 'Langue',
  'filters.consent': 'Consentement',
  'filters.any': 'Tous',
  'filters.clear': 'Effacer les filtres',

  'sort.updated-desc': 'Dernière modification, la plus récente d’abord',
  'sort.updated-asc': 'Dernière modification, la plus ancienne d’abord',
  'sort.date-desc': 'Date des faits, la plus récente d’abord',
  'sort.date-asc': 'Date des faits, la plus ancienne d’abord',
  'sort.title': 'Titre',

  'consent.given': 'Consentement donné',
  'consent.withdrawn': 'Consentement retiré',
  'consent.unknown': 'Consentement inconnu',
  'scope.archive-only': 'Archive uniquement',
  'scope.share-with-partners': 'Partage possible avec les partenaires',
  'scope.publish-anonymised': 'Publication anonymisée possible',

  'field.title': 'Titre',
  'field.body': 'Témoignage',
  'field.lang': 'Langue',
  'field.narrator': 'Narratrice ou narrateur',
  'field.date': 'Date des faits',
  'field.place': 'Lieu',
  'field.tags': 'Étiquettes',
  'field.consent': 'Consentement',
  'field.warning': 'Avertissement de contenu',
  'field.notes': 'Notes',
  'field.identifying': 'Passages identifiants',

  'record.edit': 'Modifier',
  'record.history': 'Historique',
  'record.delete': 'Supprimer',
  'record.deleteConfirm': 'Supprimer définitivement',
  'record.identifying': 'Identifiant',
  'record.noNarrator': 'Non renseigné',
  'record.undated': 'Sans date',
  'record.revision': 'Révision',
  'record.updated': 'modifié {when}',
  'record.receivedFrom': 'Reçu de',
  'record.warningTitle': 'Avertissement de contenu :',
  'record.showBody': 'Afficher le témoignage',
  'record.hideBody': 'Le masquer à nouveau',
  'record.emptyBody': '(sans texte)',
  'record.cw': 'AC',
  'record.hasWarning': 'Ce témoignage comporte un avertissement de contenu',
  'record.files': 'Fichiers : {n}',

  'form.newTitle': 'Nouveau témoignage',
  'form.editTitle': 'Modifier le témoignage',
  'form.langHint': 'Tapez le nom de la langue (arabe, العربية) ou un code comme ar, es ou pt-BR.',
  'form.langChoices': 'Suggestions',
  'form.dateHint': 'AAAA, AAAA-MM ou AAAA-MM-JJ.',
  'date.reads': 'Se lit : {date}',
  'form.narratorHint':
    'Nom ou pseudonyme. Exclu de tout partage, sauf décision contraire de votre part.',
  'form.tagsHint': 'Séparez les étiquettes par des virgules.',
  'form.consentStatus': 'Statut',
  'form.consentScope': 'Portée',
  'form.consentDate': 'Date du consentement',
  'form.consentNote': 'Note sur le consentement',
  'form.warningHint':
    'S’il est rempli, le texte reste masqué jusqu’à ce que la personne qui lit choisisse de l’ouvrir.',
  'form.identifyingHint':
    'Un passage par ligne : noms, lieux ou détails qui pourraient identifier quelqu’un.',
  'form.markSelection': 'Marquer la sélection comme identifiante',
  'form.unmarkSelection': 'Ne plus marquer la sélection',
  'form.markHint':
    'Sélectionnez des mots du témoignage puis marquez-les : ils sont remplacés par « [masqué] » dans les copies exportées.',
  'form.marked': 'Marqué comme identifiant : {text}',
  'form.unmarked': 'N’est plus marqué : {text}',
  'record.marksLegend':
    'Surligné : passages marqués comme identifiants (remplacés dans les copies exportées).',
  'form.save': 'Enregistrer',
  'form.saving': 'Enregistrement…',
  'form.cancel': 'Annuler',
  'unsaved.title': 'Abandonner vos modifications ?',
  'unsaved.explain': 'Vos modifications de ce témoignage ne sont pas encore enregistrées.',
  'unsaved.keep': 'Continuer à modifier',
  'unsaved.discard': 'Abandonner les modifications',
  'form.invalidFields': 'Vérifiez : {fields}.',
  'form.error.title': 'Donnez un titre au témoignage.',
  'form.error.lang':
    'Ce n’est pas un code de langue. Utilisez un code comme ar, fr ou es-MX, pas le nom de la langue.',
  'form.error.date':
    'Écrivez une date réelle sous la forme année-mois-jour, par exemple 2024-03-14 (ou seulement 2024-03, ou 2024).',
  'form.error.other':
    'Impossible d’enregistrer tel quel : c’est trop long ou cela contient des caractères non autorisés.',

  'history.title': 'Historique',
  'history.close': 'Retour au témoignage',
  'history.revisions': 'Révisions',
  'history.revision': 'Révision {n}',
  'history.comparing': 'Modifications de la révision {from} à la révision {to}',
  'history.first': 'Première révision',
  'history.noChanges': 'Aucun champ n’a changé dans cette révision.',
  'history.restore': 'Restaurer la révision {n}',
  'history.restored':
    'Révision {from} restaurée : c’est maintenant la révision {to}. Rien n’est perdu ; l’historique garde toutes les révisions.',

  'evidence.title': 'Pièces',
  'evidence.drop': 'Déposez des fichiers ici pour les joindre à ce témoignage.',
  'evidence.choose': 'Choisir des fichiers…',
  'evidence.uploading': 'Ajout de {name}',
  'evidence.none': 'Aucun fichier pour l’instant.',
  'evidence.sha256': 'SHA-256 :',
  'evidence.preview': 'Aperçu',
  'evidence.hidePreview': 'Fermer l’aperçu',
  'evidence.extract': 'Enregistrer une copie…',
  'evidence.saveTitle': 'Enregistrer une copie de la pièce',
  'evidence.saved': 'Enregistrée et vérifiée : {path}',
  'evidence.detach': 'Retirer',
  'evidence.detachConfirm': 'Retirer définitivement',
  'evidence.noPreview':
    'Pas d’aperçu pour ce type de fichier. Enregistrez une copie pour l’ouvrir ailleurs.',
  'evidence.previewFailed': 'L’aperçu n’a pas pu être affiché.',
  'evidence.loading': 'Chargement…',
  'evidence.textSkipped.too-large':
    'Texte non extrait : le fichier est trop grand pour être lu pour la recherche.',
  'evidence.textSkipped.time-limit':
    'Texte non extrait : sa lecture a dépassé la limite de temps (le fichier est peut-être conçu pour épuiser l’application).',
  'evidence.textSkipped.memory-limit':
    'Texte non extrait : sa lecture demandait plus de mémoire que la limite (le fichier est peut-être conçu pour épuiser l’application).',
  'evidence.textSkipped.unreadable':
    'Texte non extrait : le fichier n’a pas pu être lu (chiffré ou endommagé).',
  'evidence.metadata.flagged':
    'Ce fichier contient {count} champ(s) qui peuvent identifier quelqu’un',
  'evidence.metadata.flag.location': 'Lieu',
  'evidence.metadata.flag.serial': 'Appareil',
  'evidence.metadata.flag.person': 'Personne',
  'evidence.metadata.flag.file-name': 'Nom du fichier',
  'evidence.metadata.flag.date': 'Date et heure',
  'evidence.ocr.run': 'Reconnaître le texte',
  'evidence.ocr.again': 'Reconnaître le texte à nouveau',
  'evidence.ocr.running': 'Reconnaissance du texte…',
  'evidence.ocr.progress': 'Reconnaissance du texte : {percent} %',
  'evidence.ocr.progressPage': 'Reconnaissance du texte : page {page} sur {pages}, {percent} %',
  'evidence.ocr.cancel': 'Annuler',
  'evidence.ocr.cancelled':
    'Reconnaissance annulée. Rien n’a été enregistré ; le fichier est conservé.',
  'evidence.ocr.donePages':
    'Texte reconnu pour la recherche ({languages}, confiance {confidence}, {pages} page(s) lue(s) comme image).',
  'evidence.ocr.done': 'Texte reconnu pour la recherche ({languages}, confiance {confidence}).',
  'evidence.ocr.failed.unreadable':
    'Aucun texte reconnu : l’image n’a pas pu être lue (abîmée ou tronquée). Le fichier est conservé.',
  'evidence.ocr.failed.too-large':
    'Aucun texte reconnu : l’image est trop grande pour être lue (le fichier est peut-être fait pour épuiser l’application). Le fichier est conservé.',
  'evidence.ocr.failed.time-limit':
    'Aucun texte reconnu : la limite de temps a été atteinte. Le fichier est conservé.',
  'evidence.ocr.failed.memory-limit':
    'Aucun texte reconnu : la limite de mémoire a été atteinte. Le fichier est conservé.',
  'evidence.ocr.failedPage.unreadable':
    'Aucun texte reconnu : la page {page} sur {pages} du PDF n’a pas pu être lue (abîmée ou mal formée). Rien n’a été enregistré ; le fichier est conservé.',
  'evidence.ocr.failedPage.too-large':
    'Aucun texte reconnu : la page {page} sur {pages} du PDF est trop grande pour être lue (le fichier est peut-être fait pour épuiser l’application). Rien n’a été enregistré ; le fichier est conservé.',
  'evidence.ocr.failedPage.time-limit':
    'Aucun texte reconnu : la page {page} sur {pages} du PDF a dépassé la limite de temps. Rien n’a été enregistré ; le fichier est conservé.',
  'evidence.ocr.failedPage.memory-limit':
    'Aucun texte reconnu : la page {page} sur {pages} du PDF a dépassé la limite de mémoire. Rien n’a été enregistré ; le fichier est conservé.',
  'evidence.ocr.failedPdf.unreadable':
    'Aucun texte reconnu : le PDF n’a pas pu être lu (abîmé, chiffré ou pas un PDF). Le fichier est conservé.',
  'evidence.ocr.failedPdf.too-large':
    'Aucun texte reconnu : le PDF est trop grand pour être lu (plus de 128 Mio ou de 500 pages). Le fichier est conservé.',

  'pdf.previous': 'Page précédente',
  'pdf.next': 'Page suivante',
  'pdf.page': 'Page {n} sur {total}',

  'settings.autoLock': 'Verrouillage automatique',
  'settings.autoLockMinutes': 'Verrouiller après ce nombre de minutes sans activité',
  'settings.autoLockHint':
    'Entre 1 et 240. Le coffre se verrouille aussi à la mise en veille ou au verrouillage de l’écran.',
  'settings.save': 'Enregistrer',
  'settings.saved': 'Enregistré.',
  'settings.language': 'Langue',
  'settings.ocr': 'Reconnaissance du texte',
  'settings.ocrAfterAttach': 'Reconnaître le texte automatiquement après l’ajout',
  'settings.ocrAfterAttachHint':
    'Les photos et les PDF scannés sont lus sur cet ordinateur, hors ligne, un à la fois. Cela peut prendre plusieurs secondes par page.',
  'settings.region': 'Région pour les dates et les nombres',
  'settings.regionHint':
    'Noms des mois et chiffres tels qu’ils s’écrivent là-bas, p. ex. « نونبر » (novembre) en arabe du Maroc.',
  'settings.regionDefault': 'Celle de la langue',
  'settings.changePassphrase': 'Changer la phrase secrète',
  'settings.currentPassphrase': 'Phrase secrète actuelle',
  'settings.newPassphrase': 'Nouvelle phrase secrète',
  'settings.changing': 'Changement…',
  'settings.passphraseChanged':
    'La phrase secrète a été changée. La clé de récupération reste la même.',

  'nav.sharing': 'Partenaires et partage',
  'record.share': 'Partager…',
  'sharing.identityTitle': 'Identité de ce coffre',
  'sharing.identityExplain':
    'Donnez cette identité à vos partenaires par n’importe quel moyen. Lisez-vous ensuite l’empreinte par téléphone ou en personne : si les chiffres concordent, personne n’a remplacé l’identité en route.',
  'sharing.identityLabel': 'Identité à donner aux partenaires',
  'sharing.fingerprint': 'Empreinte',
  'sharing.copy': 'Copier l’identité',
  'sharing.copied': 'L’identité est dans le presse-papiers.',
  'sharing.partnersTitle': 'Partenaires',
  'sharing.noPartners': 'Aucun partenaire pour l’instant.',
  'sharing.partnerName': 'Nom',
  'sharing.status': 'Statut',
  'sharing.actions': 'Actions',
  'sharing.verified': 'Vérifié',
  'sharing.notVerified': 'Non vérifié',
  'sharing.verify': 'Vérifier…',
  'sharing.remove': 'Retirer',
  'sharing.removeConfirm': 'Retirer définitivement',
  'sharing.verifyTitle': 'Vérifier {name}',
  'sharing.verifyExplain':
    'Appelez {name} ou rencontrez-vous, et demandez qu’on vous lise l’empreinte que son application affiche pour sa propre identité. Ce doit être exactement celle-ci :',
  'sharing.verifyMatch': 'Les chiffres concordent',
  'sharing.verifyLater': 'Pas maintenant',
  'sharing.nowVerified': 'Le partenaire est vérifié.',
  'sharing.addTitle': 'Ajouter un partenaire',
  'sharing.partnerIdentity': 'Son identité',
  'sharing.partnerIdentityHint': 'Le texte qui commence par TVID1-, tel qu’il a été envoyé.',
  'sharing.add': 'Ajouter le partenaire',
  'sharing.receiveTitle': 'Recevoir un paquet',
  'sharing.receiveExplain':
    'Ouvrez un paquet envoyé par un partenaire. Il est entièrement vérifié (signature, chaque témoignage et chaque fichier) avant que son contenu ne s’affiche ; rien n’est importé avant votre accord.',
  'sharing.openBundle': 'Ouvrir un paquet…',
  'sharing.openTitle': 'Ouvrir un paquet d’un partenaire',
  'sharing.saveTitle': 'Enregistrer le paquet',
  'sharing.bundleFiles': 'Paquets Testimony Vault',
  'sharing.notForUs':
    'Ce paquet n’est pas destiné à ce coffre ({size}). Rien d’autre ne peut en être lu.',
  'sharing.verifiedAll': 'Signature et chaque entrée vérifiées.',
  'sharing.from': 'De',
  'sharing.unknownSender': 'Pas l’un de vos partenaires',
  'sharing.sentOn': 'Écrit le',
  'sharing.contents': 'Contenu',
  'sharing.contentsCounts': 'Témoignages : {records} · fichiers : {attachments}',
  'sharing.identities': 'Identités',
  'sharing.identitiesRedacted':
    'Masquées (narratrices et narrateurs remplacés par des pseudonymes)',
  'sharing.identitiesIncluded': 'Incluses pour certains témoignages',
  'sharing.alreadyReceived': 'Ce paquet a déjà été reçu ; rien ne sera importé deux fois.',
  'sharing.comparedUnknown':
    'J’ai comparé l’empreinte {fingerprint} avec l’expéditeur, et elle concorde.',
  'sharing.accept': 'Importer',
  'sharing.received':
    'Reçu de {from} : témoignages {records}, fichiers {attachments}, déjà présents {duplicates}.',
  'sharing.phase.write': 'Écriture du paquet',
  'sharing.phase.verify': 'Vérification',
  'sharing.phase.import': 'Importation',
  'export.title': 'Partager avec des partenaires',
  'export.shareList': 'Partager ceux-ci…',
  'export.what': 'Quoi partager',
  'export.scopeOne': 'Le témoignage sélectionné',
  'export.scopeList': 'Les témoignages affichés dans la liste ({n})',
  'export.scopeAll': 'Tous les témoignages',
  'export.to': 'Envoyer à',
  'export.noPartners': 'Ajoutez d’abord un partenaire (Partenaires et partage).',
  'export.how': 'Comment',
  'export.redactIdentities':
    'Masquer les identités : les personnes qui témoignent deviennent des pseudonymes, les passages identifiants sont retirés (recommandé)',
  'export.identitiesWarning':
    'Les noms des personnes qui témoignent et les passages identifiants partiront tels quels, sauf pour les témoignages dont le consentement ne permet qu’une publication anonymisée.',
  'export.withHistory': 'Envoyer toutes les révisions, pas seulement la dernière',
  'export.next': 'Vérifier',
  'export.reviewTitle': 'Vérifier avant de partager',
  'export.recipients': 'Destinataires',
  'export.counts': 'Témoignages à envoyer : {records} · fichiers : {attachments}',
  'export.refusedTitle': 'Exclus à cause du consentement : {n}',
  'export.refused.withdrawn': 'le consentement a été retiré',
  'export.refused.unknown': 'le consentement n’est pas enregistré comme donné',
  'export.refused.archiveOnly': 'le consentement ne couvre que l’archive',
  'export.asPartnerSees': 'Tels que le partenaire les lira',
  'export.redacted': 'Masqué',
  'export.identitiesKept': 'Identités conservées',
  'export.confirm': 'J’ai lu ce qui précède et je veux partager les autres.',
  'export.back': 'Retour',
  'export.write': 'Écrire le paquet…',
  'export.doneTitle': 'Paquet écrit',
  'export.done':
    'Témoignages : {records} · fichiers : {attachments} · taille : {size}. Envoyez le fichier aux partenaires par n’importe quel moyen : eux seuls peuvent l’ouvrir.',
  'export.close': 'Fermer',
  'export.replacedTitle': 'Ce que l’anonymisation remplace',
  'export.nothingReplaced': 'Rien n’est remplacé dans ce témoignage.',
  'export.times': '×{n}',
  'export.warningsTitle': 'Ce que l’anonymisation ne couvre pas',
  'export.warning':
    '« {passage} » apparaît aussi à l’intérieur d’autres mots, envoyés tels quels : {forms}. Marquez-les aussi ou modifiez le texte.',
  'export.filesTitle': 'Fichiers',
  'export.filesNote':
    'Les fichiers partent en copies nettoyées : les photos, les PDF et les fichiers audio et vidéo perdent les métadonnées qui peuvent identifier quelqu’un (lieu, appareil, auteur, dates) ; votre coffre garde les originaux. Un fichier qui ne peut pas être nettoyé l’indique plus bas. Leur contenu n’est pas masqué : un visage ou une voix peuvent identifier quelqu’un. Laissez de côté tout fichier qui ne doit pas partir.',
  'export.keepMetadata':
    'Envoyer les fichiers originaux avec leurs métadonnées (lieu, appareil, auteur)',
  'export.fileCarries': 'Part avec ses métadonnées, qui peuvent identifier quelqu’un :',
  'export.sentAs.cleaned': 'copie nettoyée',
  'export.sentAs.kept': 'original, avec ses métadonnées',
  'export.sentAs.format': 'part tel quel : ce type de fichier n’est pas nettoyé',
  'export.sentAs.too-large': 'part tel quel : trop grand pour être nettoyé',
  'export.filesAsIs': 'Le contenu des fichiers n’est jamais masqué.',
  'export.sendFile': 'Envoyer',
  'export.nothingToWrite':
    'Rien ne peut être écrit : le consentement de chaque témoignage choisi refuse le partage. Ouvrez ci-dessous le consentement d’un témoignage pour le vérifier, ou choisissez d’autres témoignages.',
  'export.confirmFirst': 'Pour écrire le paquet, cochez la confirmation ci-dessus.',
  'export.openConsent': 'Ouvrir son consentement',

  'error.wrongPassphrase':
    'Phrase secrète incorrecte. Vérifiez la disposition du clavier et le verrouillage des majuscules, puis réessayez.',
  'error.wrongRecoveryKey':
    'Cette clé de récupération n’ouvre pas ce coffre. Comparez-la avec votre copie.',
  'error.locked': 'Le coffre est verrouillé.',
  'error.inUse':
    'Le coffre est ouvert dans un autre programme (une autre fenêtre ou la commande tvault). Fermez-le d’abord.',
  'error.corrupt':
    'Le coffre est endommagé. Ne modifiez rien ; copiez le dossier et demandez de l’aide.',
  'error.exists': 'Un coffre existe déjà ici.',
  'error.integrity':
    'Des données enregistrées ont échoué au contrôle d’intégrité : elles ont été modifiées ou endommagées.',
  'error.recordNotFound': 'Ce témoignage n’existe plus.',
  'error.attachmentNotFound': 'Ce fichier n’existe plus.',
  'error.invalid': 'Une partie de la saisie n’est pas valide. Vérifiez les champs et réessayez.',
  'error.fileIo': 'Un fichier n’a pas pu être lu ou écrit (absent, accès refusé ou disque plein).',
  'error.cancelled': 'Annulé.',
  'error.partnerNotFound': 'Aucun partenaire de ce nom.',
  'error.partnerExists': 'Ce partenaire (ou cette identité) est déjà dans la liste.',
  'error.teamNotFound': "Ce coffre ne fait encore partie d'aucune équipe.",
  'error.teamExists': "Ce coffre fait déjà partie d'une équipe.",
  'error.identityInvalid':
    'Ce n’est pas une identité valide. Demandez au partenaire de la renvoyer en entier.',
  'error.bundle':
    'Ce paquet ne peut pas être lu : il est endommagé ou a été modifié. Rien n’a été importé.',
  'error.bundleNotForUs': 'Ce paquet n’est pas destiné à ce coffre.',
  'error.bundleUnknownSender':
    'L’expéditeur n’est pas l’un de vos partenaires. Comparez d’abord l’empreinte avec lui.',
  'error.exportRefused':
    'Rien n’a été écrit : la sélection demande votre confirmation, ou le consentement exclut tous les témoignages.',
  'error.limit':
    'Cela dépasse une limite que l’application fixe pour se protéger (par exemple trop de fichiers à la fois, ou un paquet trop grand pour être ouvert). Rien n’a été modifié.',
  'error.ocr':
    'Aucun texte n’a pu être reconnu dans ce fichier (pas une image lisible, abîmé ou trop grand). Le fichier est conservé tel quel.',
  'error.internal': 'Un problème est survenu. Rien n’a été modifié.',
  ...custodyFr,
  ...vocabularyFr,
  ...importFr,
  ...teamFr,
};
