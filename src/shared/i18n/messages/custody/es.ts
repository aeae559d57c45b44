import type { custodyEn } from './en';

/** Mensajes en español de las pantallas de custodia, recuperación y copias (ver en.ts). */
export const custodyEs: Record<keyof typeof custodyEn, string> = {
  'unlock.shares': 'Partes de recuperación',
  'unlock.sharesIntro':
    'Tengo partes de recuperación: escribe tantas como pide el reparto, una por campo, tal como cada persona la anotó.',
  'unlock.shareLabel': 'Parte {n}',
  'unlock.addShare': 'Añadir otra parte',
  'unlock.removeShare': 'Quitar la parte {n}',
  'unlock.share.format':
    'La parte {n} no es una parte de recuperación: las partes empiezan por TVS1-.',
  'unlock.share.checksum':
    'La parte {n} está mal escrita: compárala letra por letra con la persona que la guarda.',
  'unlock.share.otherSplit':
    'La parte {n} pertenece a otro reparto: se hicieron partes nuevas desde entonces, o es de otra bóveda.',
  'unlock.share.repeated': 'La parte {n} repite una parte ya dada.',
  'unlock.share.tooFew': 'Se necesitan {needed} partes; se dieron {given}.',
  'unlock.share.altered':
    'Las partes no reconstruyen la clave de esta bóveda: una de ellas fue alterada.',
  'unlock.share.noSplit':
    'Esta bóveda no tiene partes de recuperación: desbloquéala con la clave de recuperación.',

  'settings.custody': 'Recuperación, verificación y copias de seguridad',
  'recovery.intro':
    'Si se olvida la frase de paso, o la persona que la conoce se va, una clave de recuperación o partes en manos de colegas de confianza permiten volver a entrar.',
  'recovery.newKey': 'Crear una nueva clave de recuperación',
  'recovery.newKeyIntro':
    'La clave de recuperación actual deja de funcionar. La nueva se muestra una sola vez: escríbela en papel y guárdala lejos de este ordenador.',
  'recovery.make': 'Crear la nueva clave',
  'recovery.making': 'Creando…',
  'recovery.keyShown': 'Tu nueva clave de recuperación',
  'recovery.keyOnce': 'Esta clave se muestra solo ahora. La anterior ya no funciona.',
  'recovery.done': 'Ya la anoté',
  'recovery.split': 'Repartir en partes',
  'recovery.splitIntro':
    'Cada parte va a una persona de confianza distinta. Cualesquiera K de las N partes desbloquean la bóveda; menos no revelan nada. Repartir de nuevo anula las partes anteriores; la clave de recuperación sigue funcionando.',
  'recovery.count': 'Número de partes (N)',
  'recovery.threshold': 'Partes necesarias para desbloquear (K)',
  'recovery.thresholdError': 'K debe ser al menos 2 y como mucho N.',
  'recovery.makeShares': 'Crear las partes',
  'recovery.shareTitle': 'Parte {k} de {n}',
  'recovery.shareFor':
    'Esta parte es para una sola persona de confianza. Da cada parte a una persona distinta: {threshold} de ellas juntas desbloquean la bóveda.',
  'recovery.shareOnce':
    'Se muestra solo ahora. Cópiala o imprímela, entrégala y pasa a la siguiente.',
  'recovery.copy': 'Copiar',
  'recovery.copied': 'Copiada. Vacía el portapapeles cuando esté pegada donde corresponde.',
  'recovery.print': 'Imprimir',
  'recovery.next': 'Parte siguiente',
  'recovery.finish': 'Terminar',
  'recovery.splitDone': 'Se crearon {n} partes. Las partes anteriores ya no funcionan.',
  'custody.back': 'Volver a Ajustes',

  'verify.title': 'Verificar la bóveda',
  'verify.intro':
    'Comprueba que cada testimonio y cada archivo se descifra y coincide con su SHA-256, que el registro de custodia está completo y sus firmas son válidas, y que el índice de búsqueda coincide. No se cambia nada.',
  'verify.run': 'Verificar ahora',
  'verify.running': 'Verificando…',
  'verify.ok':
    'Todo en orden: {records} testimonios ({revisions} revisiones), {attachments} archivos, {entries} entradas del registro.',
  'verify.problems':
    'Problemas encontrados: {count}. Cada uno se nombra por el identificador de lo que afecta.',
  'verify.kind': 'Problema',
  'verify.id': 'Identificador',
  'verify.detail': 'Detalle',
  'progress.records': 'Testimonios',
  'progress.attachments': 'Archivos',
  'progress.log': 'Registro de custodia',
  'progress.search': 'Índice de búsqueda',
  'progress.database': 'Base de datos',
  'progress.blobs': 'Archivos',

  'backup.title': 'Copias de seguridad',
  'backup.intro':
    'Copia la bóveda, todavía cifrada, en la carpeta que elijas (en un disco USB, por ejemplo) y comprueba la copia. En una copia anterior de esta bóveda solo se copian los archivos nuevos.',
  'backup.run': 'Hacer una copia…',
  'backup.running': 'Copiando…',
  'backup.done':
    'Copia hecha y comprobada en {folder}: {copied} archivos copiados, {kept} ya estaban.',
  'backup.chooseTitle': 'Elegir la carpeta de la copia',

  'log.title': 'Registro de custodia',
  'log.intro':
    'Cada acción sobre esta bóveda, de la más antigua a la más reciente. Las entradas nombran testimonios y archivos por identificador y huella, nunca por su contenido.',
  'log.open': 'Ver el registro de custodia',
  'log.filter': 'Solo las entradas de un testimonio (su identificador completo)',
  'log.filterInvalid': 'Un identificador de testimonio tiene 32 caracteres, 0-9 y a-f.',
  'log.count': 'Entradas: {count}',
  'log.seq': 'N.º',
  'log.at': 'Cuándo',
  'log.action': 'Acción',
  'log.about': 'Sobre',
  'action.vault.created': 'Bóveda creada',
  'action.vault.unlocked': 'Desbloqueada',
  'action.record.created': 'Testimonio añadido',
  'action.record.edited': 'Testimonio editado',
  'action.record.opened': 'Testimonio abierto',
  'action.record.deleted': 'Testimonio eliminado',
  'action.attachment.added': 'Archivo añadido',
  'action.attachment.extracted': 'Copia de archivo guardada',
  'action.attachment.deleted': 'Archivo quitado',
  'action.bundle.exported': 'Paquete compartido',
  'action.bundle.received': 'Paquete recibido',
  'action.passphrase.changed': 'Frase de paso cambiada',
  'action.recovery.used': 'Desbloqueada con recuperación',
  'action.recovery.split': 'Partes de recuperación creadas',
  'action.recovery.rotated': 'Nueva clave de recuperación',
  'action.backup.made': 'Copia de seguridad hecha',
  'action.backup.restored': 'Restaurada desde una copia',
  'action.team.created': 'Equipo creado',
  'action.team.joined': 'Unión a un equipo',
  'action.team.member.added': 'Miembro añadido al equipo',
  'action.team.member.removed': 'Miembro retirado del equipo',
  'action.team.changeset.published': 'Cambios publicados en la carpeta del equipo',
  'action.team.changeset.applied': 'Cambios de un miembro aplicados',
  'action.team.changeset.rejected': 'Lote de cambios del equipo rechazado',
  'action.team.synced': 'Equipo sincronizado',
  'action.team.conflict.resolved': 'Conflicto del equipo resuelto',

  'report.open': 'Informe de custodia',
  'report.title': 'Informe de custodia',
  'report.intro':
    'Quién hizo qué con este testimonio y cuándo, según el registro de custodia firmado de la bóveda. El JSON firmado es la prueba que comprueba una organización aliada o un tribunal (tvault custody verify); la página es para imprimir.',
  'report.fingerprint': 'Huella de la bóveda',
  'report.revisions': 'Revisiones',
  'report.files': 'Archivos',
  'report.entries': 'Entradas de custodia',
  'report.revision': 'Revisión',
  'report.date': 'Fecha',
  'report.name': 'Nombre',
  'report.size': 'Tamaño',
  'report.saveJson': 'Guardar el JSON firmado…',
  'report.saveHtml': 'Guardar la página imprimible…',
  'report.saved': 'Guardado: {files}',
  'report.close': 'Cerrar',
  'report.saveTitle': 'Guardar el informe de custodia',

  'error.backupInvalid':
    'Esta carpeta no está vacía ni es una copia de esta bóveda. Elige una carpeta vacía o una copia anterior de esta bóveda.',
};
