import type { custodyEn } from './en';

/** Messages français des écrans de garde, de récupération et de sauvegarde (voir en.ts). */
export const custodyFr: Record<keyof typeof custodyEn, string> = {
  'unlock.shares': 'Parts de récupération',
  'unlock.sharesIntro':
    'J’ai des parts de récupération : saisissez-en autant que le partage l’exige, une par champ, telles que chaque détentrice les a notées.',
  'unlock.shareLabel': 'Part {n}',
  'unlock.addShare': 'Ajouter une part',
  'unlock.removeShare': 'Retirer la part {n}',
  'unlock.share.format':
    'La part {n} n’est pas une part de récupération : les parts commencent par TVS1-.',
  'unlock.share.checksum':
    'La part {n} est mal saisie : comparez-la lettre par lettre avec la personne qui la détient.',
  'unlock.share.otherSplit':
    'La part {n} appartient à un autre partage : de nouvelles parts ont été créées depuis, ou elle vient d’un autre coffre.',
  'unlock.share.repeated': 'La part {n} répète une part déjà donnée.',
  'unlock.share.tooFew': 'Il faut {needed} parts ; {given} ont été données.',
  'unlock.share.altered':
    'Les parts ne reconstituent pas la clé de ce coffre : l’une d’elles a été modifiée.',
  'unlock.share.noSplit':
    'Ce coffre n’a pas de parts de récupération : déverrouillez-le avec la clé de récupération.',

  'settings.custody': 'Récupération, vérification et sauvegardes',
  'recovery.intro':
    'Si la phrase secrète est oubliée, ou si la personne qui la connaît part, une clé de récupération ou des parts confiées à des collègues de confiance permettent de revenir.',
  'recovery.newKey': 'Créer une nouvelle clé de récupération',
  'recovery.newKeyIntro':
    'La clé de récupération actuelle cesse de fonctionner. La nouvelle n’est affichée qu’une fois : notez-la sur papier et gardez-la loin de cet ordinateur.',
  'recovery.make': 'Créer la nouvelle clé',
  'recovery.making': 'Création…',
  'recovery.keyShown': 'Votre nouvelle clé de récupération',
  'recovery.keyOnce': 'Cette clé n’est affichée que maintenant. L’ancienne ne fonctionne plus.',
  'recovery.done': 'Je l’ai notée',
  'recovery.split': 'Partager en plusieurs parts',
  'recovery.splitIntro':
    'Chaque part va à une personne de confiance différente. K parts quelconques sur N déverrouillent le coffre ; moins ne révèlent rien. Un nouveau partage rend les anciennes parts inutilisables ; la clé de récupération continue de fonctionner.',
  'recovery.count': 'Nombre de parts (N)',
  'recovery.threshold': 'Parts nécessaires pour déverrouiller (K)',
  'recovery.thresholdError': 'K doit valoir au moins 2 et au plus N.',
  'recovery.makeShares': 'Créer les parts',
  'recovery.shareTitle': 'Part {k} sur {n}',
  'recovery.shareFor':
    'Cette part est destinée à une seule personne de confiance. Donnez chaque part à une personne différente : {threshold} d’entre elles ensemble déverrouillent le coffre.',
  'recovery.shareOnce':
    'Elle n’est affichée que maintenant. Copiez-la ou imprimez-la, remettez-la, puis passez à la suivante.',
  'recovery.copy': 'Copier',
  'recovery.copied':
    'Copiée. Videz le presse-papiers une fois la part collée là où elle doit être.',
  'recovery.print': 'Imprimer',
  'recovery.next': 'Part suivante',
  'recovery.finish': 'Terminer',
  'recovery.splitDone': '{n} parts ont été créées. Les anciennes parts ne fonctionnent plus.',
  'custody.back': 'Retour aux réglages',

  'verify.title': 'Vérifier le coffre',
  'verify.intro':
    'Vérifie que chaque témoignage et chaque fichier se déchiffre et correspond à son SHA-256, que le journal de garde est complet et ses signatures valides, et que l’index de recherche correspond. Rien n’est modifié.',
  'verify.run': 'Vérifier maintenant',
  'verify.running': 'Vérification…',
  'verify.ok':
    'Tout est en ordre : {records} témoignages ({revisions} révisions), {attachments} fichiers, {entries} entrées du journal.',
  'verify.problems':
    'Problèmes trouvés : {count}. Chacun est désigné par l’identifiant de ce qu’il touche.',
  'verify.kind': 'Problème',
  'verify.id': 'Identifiant',
  'verify.detail': 'Détail',
  'progress.records': 'Témoignages',
  'progress.attachments': 'Fichiers',
  'progress.log': 'Journal de garde',
  'progress.search': 'Index de recherche',
  'progress.database': 'Base de données',
  'progress.blobs': 'Fichiers',

  'backup.title': 'Sauvegardes',
  'backup.intro':
    'Copie le coffre, toujours chiffré, dans un dossier de votre choix (sur une clé USB par exemple) et vérifie la copie. Dans une sauvegarde antérieure de ce coffre, seuls les nouveaux fichiers sont copiés.',
  'backup.run': 'Faire une sauvegarde…',
  'backup.running': 'Sauvegarde…',
  'backup.done':
    'Sauvegarde faite et vérifiée dans {folder} : {copied} fichiers copiés, {kept} déjà présents.',
  'backup.chooseTitle': 'Choisir le dossier de sauvegarde',

  'log.title': 'Journal de garde',
  'log.intro':
    'Chaque action sur ce coffre, de la plus ancienne à la plus récente. Les entrées désignent témoignages et fichiers par identifiant et empreinte, jamais par leur contenu.',
  'log.open': 'Voir le journal de garde',
  'log.filter': 'Seulement les entrées d’un témoignage (son identifiant complet)',
  'log.filterInvalid': 'Un identifiant de témoignage compte 32 caractères, 0-9 et a-f.',
  'log.count': 'Entrées : {count}',
  'log.seq': 'N°',
  'log.at': 'Quand',
  'log.action': 'Opération',
  'log.about': 'Objet',
  'action.vault.created': 'Coffre créé',
  'action.vault.unlocked': 'Déverrouillé',
  'action.record.created': 'Témoignage ajouté',
  'action.record.edited': 'Témoignage modifié',
  'action.record.opened': 'Témoignage ouvert',
  'action.record.deleted': 'Témoignage supprimé',
  'action.attachment.added': 'Fichier ajouté',
  'action.attachment.extracted': 'Copie de fichier enregistrée',
  'action.attachment.deleted': 'Fichier retiré',
  'action.bundle.exported': 'Paquet partagé',
  'action.bundle.received': 'Paquet reçu',
  'action.passphrase.changed': 'Phrase secrète changée',
  'action.recovery.used': 'Déverrouillé par récupération',
  'action.recovery.split': 'Parts de récupération créées',
  'action.recovery.rotated': 'Nouvelle clé de récupération',
  'action.backup.made': 'Sauvegarde faite',
  'action.backup.restored': 'Restauré depuis une sauvegarde',
  'action.team.created': 'Équipe créée',
  'action.team.joined': 'Équipe rejointe',
  'action.team.member.added': "Membre ajouté à l'équipe",
  'action.team.member.removed': "Membre retiré de l'équipe",
  'action.team.changeset.published': "Modifications publiées dans le dossier d'équipe",
  'action.team.changeset.applied': "Modifications d'un membre appliquées",
  'action.team.changeset.rejected': "Lot de modifications d'équipe refusé",
  'action.team.synced': 'Équipe synchronisée',
  'action.team.conflict.resolved': "Conflit d'équipe résolu",

  'report.open': 'Rapport de garde',
  'report.title': 'Rapport de garde',
  'report.intro':
    'Qui a fait quoi sur ce témoignage, et quand, d’après le journal de garde signé du coffre. Le JSON signé est la preuve qu’un partenaire ou un tribunal vérifie (tvault custody verify) ; la page sert à imprimer.',
  'report.fingerprint': 'Empreinte du coffre',
  'report.revisions': 'Révisions',
  'report.files': 'Fichiers',
  'report.entries': 'Entrées de garde',
  'report.revision': 'Révision',
  'report.date': 'Date',
  'report.name': 'Nom',
  'report.size': 'Taille',
  'report.saveJson': 'Enregistrer le JSON signé…',
  'report.saveHtml': 'Enregistrer la page imprimable…',
  'report.saved': 'Enregistré : {files}',
  'report.close': 'Fermer',
  'report.saveTitle': 'Enregistrer le rapport de garde',

  'error.backupInvalid':
    'Ce dossier n’est ni vide ni une sauvegarde de ce coffre. Choisissez un dossier vide ou une sauvegarde antérieure de ce coffre.',
};
