import type { teamEn } from './en';

/** Mensajes en español del archivo de equipo (véase en.ts). */
export const teamEs: Record<keyof typeof teamEn, string> = {
  'nav.team': 'Equipo',
  'team.title': 'Archivo del equipo',
  'team.titleNamed': 'Archivo del equipo «{name}»',
  'team.none': 'Esta bóveda no está en ningún equipo',
  'team.setupIntro':
    'Un archivo de equipo une las bóvedas de varios portátiles mediante una carpeta que un motor de sincronización (Syncthing, Nextcloud, una unidad compartida, incluso un disco USB) mantiene igual en todas partes. La carpeta solo contiene conjuntos de cambios cifrados y firmados. Un equipo se configura con la herramienta de línea de comandos tvault, con esta aplicación cerrada:',
  'team.setupCreate':
    'En el primer portátil, cree el equipo sobre su copia de la carpeta compartida:',
  'team.setupInvite':
    'Invite a cada miembro con su identidad (en su pantalla Socios y envíos), tras comparar las huellas:',
  'team.setupJoin': 'En el portátil del nuevo miembro, únase con lo que imprimió la invitación:',
  'team.setupDocs':
    'docs/team.md explica cada paso, lo que aprenden la carpeta y el motor de sincronización, y cómo configurar Syncthing. Después vuelva a esta pantalla: la aplicación sincroniza al desbloquear y cada pocos minutos.',
  'team.membersTitle': 'Miembros',
  'team.thisVault': 'Esta bóveda',
  'team.removalTitle': 'Quitar a un miembro',
  'team.removal':
    'Un miembro se quita con tvault team remove. Los conjuntos de cambios escritos después ya no van dirigidos a esa persona: no recibe nada nuevo.',
  'team.removalLimit':
    'Lo que ya tenía no se puede recuperar: los testimonios y archivos que ya están en su portátil se quedan allí.',
  'team.syncTitle': 'Sincronización',
  'team.folder': 'Carpeta del equipo',
  'team.id': 'Identificador del equipo',
  'team.syncing': 'Sincronizando…',
  'team.pending':
    'Conjuntos de cambios que esperan lo que necesitan: {waiting}. Aún no escritos en la carpeta: {unpublished}.',
  'team.syncNow': 'Sincronizar ahora',
  'team.never': 'Ninguna sincronización ha terminado desde que se desbloqueó la bóveda.',
  'team.lastOk':
    'Última sincronización {time}: {published} enviados, {applied} recibidos, {rejected} rechazados, {waiting} en espera.',
  'team.lastFailed': 'La última sincronización ({time}) falló: {reason}',
  'team.folderUnreadable':
    'no se puede leer ni escribir la carpeta del equipo {folder}. ¿Sigue ahí y está funcionando el motor de sincronización? No se perdió nada; la próxima sincronización lo intentará de nuevo.',
  'team.interval': 'Sincronizar cada (minutos)',
  'team.intervalHint':
    'Mientras la bóveda esté desbloqueada. También se sincroniza cada vez que se desbloquea.',
  'team.conflictsTitle': 'Conflictos',
  'team.noConflicts': 'No hay conflictos.',
  'team.conflictsIntro':
    'Estos testimonios se editaron en dos portátiles antes de sincronizarse. No se sobrescribió nada: compare las versiones y elija la que se conserva.',
  'team.conflictVersions': '{count} versiones, de {authors}',
  'team.unknownAuthor': 'un antiguo miembro',
  'team.compare': 'Comparar y elegir',
  'team.compareLabel': 'Comparar y elegir: «{title}»',
  'team.untitled': 'Testimonio sin título',
  'team.version': '{author}, el {time}',
  'team.compareCaption': 'Las versiones una al lado de otra, campo por campo',
  'team.field': 'Campo',
  'team.shownNow': 'Mostrada ahora',
  'team.deletedVersion': 'Elimina el testimonio',
  'team.differs': 'Difiere',
  'team.compareTitle': 'Versiones de «{title}»',
  'team.back': 'Volver al equipo',
  'team.compareIntro':
    'Cada columna es una versión; las filas que difieren están marcadas, y también las palabras que solo tiene una versión.',
  'team.keepLegend': 'Versión que se conserva',
  'team.keepWarning':
    'Después, el testimonio solo muestra la versión que conserve, en todos los portátiles del equipo. Copie antes lo que necesite de la otra versión.',
  'team.keepButton': 'Conservar esta versión',
  'team.resolved': 'Conflicto resuelto: la versión elegida se conserva y se envía al equipo.',
};
