import type { teamEn } from './en';

/** Messages français de l’archive d’équipe (voir en.ts). */
export const teamFr: Record<keyof typeof teamEn, string> = {
  'nav.team': 'Équipe',
  'team.title': 'Archive d’équipe',
  'team.titleNamed': 'Archive d’équipe « {name} »',
  'team.none': 'Ce coffre n’est dans aucune équipe',
  'team.setupIntro':
    'Une archive d’équipe relie les coffres de plusieurs ordinateurs par un dossier qu’un moteur de synchronisation (Syncthing, Nextcloud, un lecteur partagé, voire un disque USB) garde identique partout. Le dossier ne contient que des lots de modifications chiffrés et signés. Une équipe se met en place avec l’outil en ligne de commande tvault, cette application fermée :',
  'team.setupCreate':
    'Sur le premier ordinateur, créez l’équipe sur votre copie du dossier partagé :',
  'team.setupInvite':
    'Invitez chaque membre avec son identité (sur son écran Partenaires et partage), après avoir comparé les empreintes :',
  'team.setupJoin':
    'Sur l’ordinateur du nouveau membre, rejoignez avec ce que l’invitation a affiché :',
  'team.setupDocs':
    'docs/team.md explique chaque étape, ce qu’apprennent le dossier et le moteur de synchronisation, et comment configurer Syncthing. Revenez ensuite sur cet écran : l’application synchronise au déverrouillage et toutes les quelques minutes.',
  'team.membersTitle': 'Membres',
  'team.thisVault': 'Ce coffre',
  'team.removalTitle': 'Retirer un membre',
  'team.removal':
    'Un membre se retire avec tvault team remove. Les lots de modifications écrits ensuite ne lui sont plus adressés : il ne reçoit plus rien de nouveau.',
  'team.removalLimit':
    'Ce qu’il a déjà reçu ne peut pas être repris : les témoignages et fichiers déjà sur son ordinateur y restent.',
  'team.syncTitle': 'Synchronisation',
  'team.folder': 'Dossier de l’équipe',
  'team.id': 'Identifiant de l’équipe',
  'team.syncing': 'Synchronisation…',
  'team.pending':
    'Lots de modifications en attente de ce qu’il leur faut : {waiting}. Pas encore écrits dans le dossier : {unpublished}.',
  'team.syncNow': 'Synchroniser maintenant',
  'team.never': 'Aucune synchronisation n’est terminée depuis le déverrouillage du coffre.',
  'team.lastOk':
    'Dernière synchronisation {time} : {published} envoyés, {applied} reçus, {rejected} refusés, {waiting} en attente.',
  'team.lastFailed': 'La dernière synchronisation ({time}) a échoué : {reason}',
  'team.folderUnreadable':
    'le dossier de l’équipe {folder} ne peut être ni lu ni écrit. Est-il toujours là, et le moteur de synchronisation tourne-t-il ? Rien n’est perdu ; la prochaine synchronisation réessaiera.',
  'team.interval': 'Synchroniser toutes les (minutes)',
  'team.intervalHint':
    'Tant que le coffre est déverrouillé. Une synchronisation a aussi lieu à chaque déverrouillage.',
  'team.conflictsTitle': 'Conflits',
  'team.noConflicts': 'Aucun conflit.',
  'team.conflictsIntro':
    'Ces témoignages ont été modifiés sur deux ordinateurs avant leur synchronisation. Rien n’a été écrasé : comparez les versions et choisissez celle à garder.',
  'team.conflictVersions': '{count} versions, par {authors}',
  'team.unknownAuthor': 'un ancien membre',
  'team.compare': 'Comparer et choisir',
  'team.compareLabel': 'Comparer et choisir : « {title} »',
  'team.untitled': 'Témoignage sans titre',
  'team.version': '{author}, le {time}',
  'team.compareCaption': 'Les versions côte à côte, champ par champ',
  'team.field': 'Champ',
  'team.shownNow': 'Affichée maintenant',
  'team.deletedVersion': 'Supprime le témoignage',
  'team.differs': 'Diffère',
  'team.compareTitle': 'Versions de « {title} »',
  'team.back': 'Retour à l’équipe',
  'team.compareIntro':
    'Chaque colonne est une version ; les lignes qui diffèrent sont signalées, ainsi que les mots qu’une seule version contient.',
  'team.keepLegend': 'Version à garder',
  'team.keepWarning':
    'Ensuite, le témoignage n’affiche plus que la version gardée, sur tous les ordinateurs de l’équipe. Copiez d’abord ce dont vous avez besoin dans l’autre version.',
  'team.keepButton': 'Garder cette version',
  'team.resolved': 'Conflit résolu : la version choisie est gardée et envoyée à l’équipe.',
};
