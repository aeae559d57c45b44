import type { MessageKey } from './en';
import { custodyEs } from './custody/es';
import { vocabularyEs } from './vocabulary/es';
import { importEs } from './import/es';
import { teamEs } from './team/es';

/** Español. Same keys as en.ts. */
export const es: Record<MessageKey, string> = {
  'app.title': 'Testimony Vault',
  'app.startFailed': 'Testimony Vault no pudo iniciarse. Ciérrelo y vuelva a abrirlo.',

  'create.title': 'Cree su bóveda',
  'create.intro':
    'Todo lo que guarde aquí se cifra en esta computadora. Elija una frase de contraseña: varias palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.',
  'create.passphrase': 'Frase de contraseña',
  'create.passphraseHint': 'Al menos 8 caracteres; mejor una frase de cuatro palabras o más.',
  'create.passphraseAgain': 'Escriba la frase de contraseña otra vez',
  'create.mismatch': 'Las dos frases de contraseña no coinciden.',
  'create.submit': 'Crear la bóveda',
  'create.creating': 'Creando la bóveda…',

  'strength.empty': 'Solidez: aún no ha escrito nada',
  'strength.0': 'Solidez: demasiado corta',
  'strength.1': 'Solidez: débil',
  'strength.2': 'Solidez: aceptable',
  'strength.3': 'Solidez: buena',
  'strength.4': 'Solidez: fuerte',

  'recovery.title': 'Su clave de recuperación',
  'recovery.explain':
    'Si olvida la frase de contraseña, esta clave es la única forma de volver a entrar en la bóveda. Se muestra ahora y nunca más.',
  'recovery.offline':
    'Escríbala en papel y guarde el papel en un lugar seguro, lejos de esta computadora.',
  'recovery.notHere':
    'No la guarde en un archivo, una foto o un correo en esta computadora: quien la encuentre puede abrir la bóveda.',
  'recovery.once':
    'Nadie, ni siquiera quienes hicieron esta aplicación, puede recuperarla por usted.',
  'recovery.written': 'Ya la he anotado',

  'confirm.title': 'Compruebe su copia',
  'confirm.explain':
    'Escriba dos grupos de la clave desde su copia en papel. Los grupos se cuentan después de «TV1».',
  'confirm.group': 'Grupo {n}',
  'confirm.wrong': 'No coincide con la clave. Revise su copia o vuelva atrás para ver la clave.',
  'confirm.back': 'Mostrar la clave otra vez',
  'confirm.submit': 'Confirmar',

  'unlock.title': 'Desbloquear la bóveda',
  'unlock.with': 'Desbloquear con',
  'unlock.passphrase': 'Frase de contraseña',
  'unlock.recoveryKey': 'Clave de recuperación',
  'unlock.enterPassphrase': 'Su frase de contraseña',
  'unlock.enterRecoveryKey': 'Su clave de recuperación',
  'unlock.recoveryHint': 'La clave que empieza por TV1-, tal como la anotó.',
  'unlock.submit': 'Desbloquear',
  'unlock.busy': 'Desbloqueando…',

  'lock.now': 'Bloquear',
  'lock.reason.user': 'La bóveda se bloqueó.',
  'lock.reason.shortcut': 'La bóveda se bloqueó con el atajo de teclado.',
  'lock.reason.idle': 'La bóveda se bloqueó sola tras un tiempo sin actividad.',
  'lock.reason.suspend': 'La bóveda se bloqueó cuando la computadora entró en suspensión.',
  'lock.reason.lockScreen': 'La bóveda se bloqueó al bloquearse la pantalla.',
  'lock.draftDiscarded':
    'Un testimonio que estaba editando no se guardó: el bloqueo no conserva nada que no se haya guardado.',

  'nav.label': 'Principal',
  'nav.skip': 'Saltar al contenido',
  'nav.archive': 'Archivo',
  'nav.settings': 'Ajustes',

  'archive.title': 'Testimonios',
  'archive.new': 'Nuevo testimonio',
  'archive.listLabel': 'Testimonios',
  'archive.detail': 'Testimonio seleccionado',
  'archive.loading': 'Cargando el archivo…',
  'archive.count': 'Se muestran {shown} de {total}',
  'archive.empty': 'El archivo está vacío. Añada el primer testimonio con «Nuevo testimonio».',
  'archive.pick': 'Elija un testimonio de la lista o añada uno nuevo.',

  'search.label': 'Buscar en los testimonios',
  'search.placeholder': 'Buscar…',
  'search.warningSnippet': 'Tras una advertencia de contenido: abra el testimonio para leerlo.',
  'search.count': 'Resultados mostrados: {shown} (archivo: {total})',
  'search.preparing': 'preparando la búsqueda…',
  'search.failed': 'la búsqueda no está disponible ahora',
  'search.help': 'Cómo buscar',
  'search.help.words.example': 'amenazas fábrica',
  'search.help.words':
    'testimonios con todas las palabras, en cualquier forma («mujer» encuentra «mujeres»)',
  'search.help.phrase.example': '"violencia política"',
  'search.help.phrase': 'estas palabras juntas, en este orden',
  'search.help.or.example': 'amenazas OR acoso',
  'search.help.or': 'una palabra u otra (OR en mayúsculas)',
  'search.help.not.example': 'amenazas -internet',
  'search.help.not': 'excluir los testimonios con esta palabra (o -"una frase")',
  'search.help.fold':
    'No hace falta escribir acentos, formas de hamza, tatweel, variantes de letras persas y urdu ni el nukta devanagari: la palabra se encuentra igual.',

  'filters.title': 'Filtrar y ordenar',
  'filters.active': 'activos',
  'filters.sort': 'Ordenar por',
  'filters.from': 'Desde la fecha',
  'filters.to': 'Hasta la fecha',
  'filters.tag': 'Etiqueta',
  'filters.language': 'Idioma',
  'filters.consent': 'Consentimiento',
  'filters.any': 'Cualquiera',
  'filters.clear': 'Quitar filtros',

  'sort.updated-desc': 'Último cambio, lo más reciente primero',
  'sort.updated-asc': 'Último cambio, lo más antiguo primero',
  'sort.date-desc': 'Fecha de los hechos, lo más reciente primero',
  'sort.date-asc': 'Fecha de los hechos, lo más antiguo primero',
  'sort.title': 'Título',

  'consent.given': 'Consentimiento dado',
  'consent.withdrawn': 'Consentimiento retirado',
  'consent.unknown': 'Consentimiento desconocido',
  'scope.archive-only': 'Solo archivo',
  'scope.share-with-partners': 'Se puede compartir con organizaciones aliadas',
  'scope.publish-anonymised': 'Se puede publicar de forma anónima',

  'field.title': 'Título',
  'field.body': 'Testimonio',
  'field.lang': 'Idioma',
  'field.narrator': 'Narradora o narrador',
  'field.date': 'Fecha de los hechos',
  'field.place': 'Lugar',
  'field.tags': 'Etiquetas',
  'field.consent': 'Consentimiento',
  'field.warning': 'Advertencia de contenido',
  'field.notes': 'Notas',
  'field.identifying': 'Pasajes identificatorios',

  'record.edit': 'Editar',
  'record.history': 'Historial',
  'record.delete': 'Eliminar',
  'record.deleteConfirm': 'Eliminar definitivamente',
  'record.identifying': 'Identificatorio',
  'record.noNarrator': 'No registrado',
  'record.undated': 'Sin fecha',
  'record.revision': 'Revisión',
  'record.updated': 'modificado {when}',
  'record.receivedFrom': 'Recibido de',
  'record.warningTitle': 'Advertencia de contenido:',
  'record.showBody': 'Mostrar el testimonio',
  'record.hideBody': 'Ocultarlo de nuevo',
  'record.emptyBody': '(sin texto)',
  'record.cw': 'AC',
  'record.hasWarning': 'Este testimonio tiene una advertencia de contenido',
  'record.files': 'Archivos: {n}',

  'form.newTitle': 'Nuevo testimonio',
  'form.editTitle': 'Editar el testimonio',
  'form.langHint': 'Escriba el nombre del idioma (árabe, العربية) o un código como ar, es o pt-BR.',
  'form.langChoices': 'Sugerencias',
  'form.dateHint': 'AAAA, AAAA-MM o AAAA-MM-DD.',
  'date.reads': 'Se lee: {date}',
  'form.narratorHint':
    'Nombre o seudónimo. Queda fuera de todo lo que se comparta, salvo que usted decida otra cosa.',
  'form.tagsHint': 'Separe las etiquetas con comas.',
  'form.consentStatus': 'Estado',
  'form.consentScope': 'Alcance',
  'form.consentDate': 'Fecha del consentimiento',
  'form.consentNote': 'Nota sobre el consentimiento',
  'form.warningHint': 'Si se rellena, el texto queda oculto hasta que quien lee decida abrirlo.',
  'form.identifyingHint':
    'Un pasaje por línea: nombres, lugares o detalles que podrían identificar a alguien.',
  'form.markSelection': 'Marcar la selección como identificativa',
  'form.unmarkSelection': 'Desmarcar la selección',
  'form.markHint':
    'Seleccione palabras del testimonio y márquelas: se sustituyen por «[suprimido]» en las copias exportadas.',
  'form.marked': 'Marcado como identificativo: {text}',
  'form.unmarked': 'Ya no está marcado: {text}',
  'record.marksLegend':
    'Resaltado: pasajes marcados como identificativos (se sustituyen en las copias exportadas).',
  'form.save': 'Guardar',
  'form.saving': 'Guardando…',
  'form.cancel': 'Cancelar',
  'unsaved.title': '¿Descartar los cambios?',
  'unsaved.explain': 'Sus cambios en este testimonio aún no se han guardado.',
  'unsaved.keep': 'Seguir editando',
  'unsaved.discard': 'Descartar cambios',
  'form.invalidFields': 'Revise: {fields}.',
  'form.error.title': 'Dé un título al testimonio.',
  'form.error.lang':
    'No es un código de idioma. Use un código como ar, fr o es-MX, no el nombre del idioma.',
  'form.error.date':
    'Escriba una fecha real como año-mes-día, por ejemplo 2024-03-14 (o solo 2024-03, o 2024).',
  'form.error.other':
    'No se puede guardar tal como está: es demasiado largo o contiene caracteres no permitidos.',

  'history.title': 'Historial',
  'history.close': 'Volver al testimonio',
  'history.revisions': 'Revisiones',
  'history.revision': 'Revisión {n}',
  'history.comparing': 'Cambios de la revisión {from} a la revisión {to}',
  'history.first': 'Primera revisión',
  'history.noChanges': 'Ningún campo cambió en esta revisión.',
  'history.restore': 'Restaurar la revisión {n}',
  'history.restored':
    'Revisión {from} restaurada: ahora es la revisión {to}. No se perdió nada; el historial conserva todas las revisiones.',

  'evidence.title': 'Pruebas',
  'evidence.drop': 'Suelte archivos aquí para añadirlos a este testimonio.',
  'evidence.choose': 'Elegir archivos…',
  'evidence.uploading': 'Añadiendo {name}',
  'evidence.none': 'Todavía no hay archivos.',
  'evidence.sha256': 'SHA-256:',
  'evidence.preview': 'Vista previa',
  'evidence.hidePreview': 'Cerrar la vista previa',
  'evidence.extract': 'Guardar una copia…',
  'evidence.saveTitle': 'Guardar una copia de la prueba',
  'evidence.saved': 'Guardado y verificado: {path}',
  'evidence.detach': 'Quitar',
  'evidence.detachConfirm': 'Quitar definitivamente',
  'evidence.noPreview':
    'No hay vista previa para este tipo de archivo. Guarde una copia para abrirla en otro programa.',
  'evidence.previewFailed': 'No se pudo mostrar la vista previa.',
  'evidence.loading': 'Cargando…',
  'evidence.textSkipped.too-large':
    'Texto no extraído: el archivo es demasiado grande para leerlo para la búsqueda.',
  'evidence.textSkipped.time-limit':
    'Texto no extraído: leerlo superó el tiempo límite (el archivo puede estar hecho para agotar la aplicación).',
  'evidence.textSkipped.memory-limit':
    'Texto no extraído: leerlo necesitaba más memoria que el límite (el archivo puede estar hecho para agotar la aplicación).',
  'evidence.textSkipped.unreadable':
    'Texto no extraído: no se pudo leer el archivo (cifrado o dañado).',
  'evidence.metadata.flagged':
    'Este archivo lleva {count} campo(s) que pueden identificar a alguien',
  'evidence.metadata.flag.location': 'Lugar',
  'evidence.metadata.flag.serial': 'Dispositivo',
  'evidence.metadata.flag.person': 'Persona',
  'evidence.metadata.flag.file-name': 'Nombre del archivo',
  'evidence.metadata.flag.date': 'Fecha y hora',
  'evidence.ocr.run': 'Reconocer el texto',
  'evidence.ocr.again': 'Reconocer el texto de nuevo',
  'evidence.ocr.running': 'Reconociendo el texto…',
  'evidence.ocr.progress': 'Reconociendo el texto: {percent} %',
  'evidence.ocr.progressPage': 'Reconociendo el texto: página {page} de {pages}, {percent} %',
  'evidence.ocr.cancel': 'Cancelar',
  'evidence.ocr.cancelled': 'Reconocimiento cancelado. No se guardó nada; el archivo se conserva.',
  'evidence.ocr.donePages':
    'Texto reconocido para la búsqueda ({languages}, confianza {confidence}, {pages} página(s) leída(s) como imagen).',
  'evidence.ocr.done': 'Texto reconocido para la búsqueda ({languages}, confianza {confidence}).',
  'evidence.ocr.failed.unreadable':
    'No se reconoció texto: la imagen no se pudo leer (dañada o cortada). El archivo se conserva.',
  'evidence.ocr.failed.too-large':
    'No se reconoció texto: la imagen es demasiado grande (el archivo puede estar hecho para agotar la aplicación). El archivo se conserva.',
  'evidence.ocr.failed.time-limit':
    'No se reconoció texto: se alcanzó el límite de tiempo. El archivo se conserva.',
  'evidence.ocr.failed.memory-limit':
    'No se reconoció texto: se alcanzó el límite de memoria. El archivo se conserva.',
  'evidence.ocr.failedPage.unreadable':
    'No se reconoció texto: la página {page} de {pages} del PDF no se pudo leer (dañada o mal formada). No se guardó nada; el archivo se conserva.',
  'evidence.ocr.failedPage.too-large':
    'No se reconoció texto: la página {page} de {pages} del PDF es demasiado grande (el archivo puede estar hecho para agotar la aplicación). No se guardó nada; el archivo se conserva.',
  'evidence.ocr.failedPage.time-limit':
    'No se reconoció texto: la página {page} de {pages} del PDF superó el límite de tiempo. No se guardó nada; el archivo se conserva.',
  'evidence.ocr.failedPage.memory-limit':
    'No se reconoció texto: la página {page} de {pages} del PDF superó el límite de memoria. No se guardó nada; el archivo se conserva.',
  'evidence.ocr.failedPdf.unreadable':
    'No se reconoció texto: el PDF no se pudo leer (dañado, cifrado o no es un PDF). El archivo se conserva.',
  'evidence.ocr.failedPdf.too-large':
    'No se reconoció texto: el PDF es demasiado grande (más de 128 MiB o de 500 páginas). El archivo se conserva.',

  'pdf.previous': 'Página anterior',
  'pdf.next': 'Página siguiente',
  'pdf.page': 'Página {n} de {total}',

  'settings.autoLock': 'Bloqueo automático',
  'settings.autoLockMinutes': 'Bloquear tras estos minutos sin actividad',
  'settings.autoLockHint':
    'Entre 1 y 240. La bóveda también se bloquea cuando la computadora se suspende o se bloquea la pantalla.',
  'settings.save': 'Guardar',
  'settings.saved': 'Guardado.',
  'settings.language': 'Idioma',
  'settings.ocr': 'Reconocimiento de texto',
  'settings.ocrAfterAttach': 'Reconocer el texto automáticamente al adjuntar',
  'settings.ocrAfterAttachHint':
    'Las fotos y los PDF escaneados se leen en este ordenador, sin conexión, uno tras otro. Puede tardar varios segundos por página.',
  'settings.region': 'Región para fechas y números',
  'settings.regionHint':
    'Nombres de los meses y cifras como se escriben allí, p. ej. «نونبر» (noviembre) en el árabe de Marruecos.',
  'settings.regionDefault': 'La del idioma',
  'settings.changePassphrase': 'Cambiar la frase de contraseña',
  'settings.currentPassphrase': 'Frase de contraseña actual',
  'settings.newPassphrase': 'Nueva frase de contraseña',
  'settings.changing': 'Cambiando…',
  'settings.passphraseChanged':
    'Se cambió la frase de contraseña. La clave de recuperación sigue siendo la misma.',

  'nav.sharing': 'Aliadas y compartir',
  'record.share': 'Compartir…',
  'sharing.identityTitle': 'Identidad de esta bóveda',
  'sharing.identityExplain':
    'Dé esta identidad a sus organizaciones aliadas por cualquier medio. Luego léanse la huella digital por teléfono o en persona: si las cifras coinciden, nadie cambió la identidad por el camino.',
  'sharing.identityLabel': 'Identidad para dar a las aliadas',
  'sharing.fingerprint': 'Huella digital',
  'sharing.copy': 'Copiar la identidad',
  'sharing.copied': 'La identidad está en el portapapeles.',
  'sharing.partnersTitle': 'Organizaciones aliadas',
  'sharing.noPartners': 'Todavía no hay organizaciones aliadas.',
  'sharing.partnerName': 'Nombre',
  'sharing.status': 'Estado',
  'sharing.actions': 'Acciones',
  'sharing.verified': 'Verificada',
  'sharing.notVerified': 'Sin verificar',
  'sharing.verify': 'Verificar…',
  'sharing.remove': 'Quitar',
  'sharing.removeConfirm': 'Quitar definitivamente',
  'sharing.verifyTitle': 'Verificar a {name}',
  'sharing.verifyExplain':
    'Llame a {name} o reúnase en persona, y pídale que le lea la huella digital que su aplicación muestra para su propia identidad. Debe ser exactamente esta:',
  'sharing.verifyMatch': 'Las cifras coinciden',
  'sharing.verifyLater': 'Ahora no',
  'sharing.nowVerified': 'La organización aliada está verificada.',
  'sharing.addTitle': 'Añadir una organización aliada',
  'sharing.partnerIdentity': 'Su identidad',
  'sharing.partnerIdentityHint': 'El texto que empieza por TVID1-, tal como lo enviaron.',
  'sharing.add': 'Añadir',
  'sharing.receiveTitle': 'Recibir un paquete',
  'sharing.receiveExplain':
    'Abra un paquete que le envió una aliada. Se comprueba por completo (firma, cada testimonio y cada archivo) antes de mostrar su contenido; no se importa nada hasta que usted acepte.',
  'sharing.openBundle': 'Abrir un paquete…',
  'sharing.openTitle': 'Abrir un paquete de una aliada',
  'sharing.saveTitle': 'Guardar el paquete',
  'sharing.bundleFiles': 'Paquetes de Testimony Vault',
  'sharing.notForUs':
    'Este paquete no está dirigido a esta bóveda ({size}). No se puede leer nada más de él.',
  'sharing.verifiedAll': 'Firma y todas las entradas verificadas.',
  'sharing.from': 'De',
  'sharing.unknownSender': 'No es una de sus aliadas',
  'sharing.sentOn': 'Escrito el',
  'sharing.contents': 'Contenido',
  'sharing.contentsCounts': 'Testimonios: {records} · archivos: {attachments}',
  'sharing.identities': 'Identidades',
  'sharing.identitiesRedacted': 'Ocultas (narradoras y narradores sustituidos por seudónimos)',
  'sharing.identitiesIncluded': 'Incluidas en algunos testimonios',
  'sharing.alreadyReceived': 'Este paquete ya se recibió; no se importará nada dos veces.',
  'sharing.comparedUnknown':
    'Comparé la huella digital {fingerprint} con quien lo envió, y coincide.',
  'sharing.accept': 'Importar',
  'sharing.received':
    'Recibido de {from}: testimonios {records}, archivos {attachments}, ya presentes {duplicates}.',
  'sharing.phase.write': 'Escribiendo el paquete',
  'sharing.phase.verify': 'Verificando',
  'sharing.phase.import': 'Importando',
  'export.title': 'Compartir con aliadas',
  'export.shareList': 'Compartir estos…',
  'export.what': 'Qué compartir',
  'export.scopeOne': 'El testimonio seleccionado',
  'export.scopeList': 'Los testimonios de la lista ({n})',
  'export.scopeAll': 'Todos los testimonios',
  'export.to': 'Enviar a',
  'export.noPartners': 'Añada primero una organización aliada (Aliadas y compartir).',
  'export.how': 'Cómo',
  'export.redactIdentities':
    'Ocultar identidades: las personas narradoras pasan a seudónimos y se quitan los pasajes identificatorios (recomendado)',
  'export.identitiesWarning':
    'Los nombres de quienes narran y los pasajes identificatorios viajarán tal cual, salvo en los testimonios cuyo consentimiento solo permite publicarlos de forma anónima.',
  'export.withHistory': 'Enviar todas las revisiones, no solo la última',
  'export.next': 'Revisar',
  'export.reviewTitle': 'Revisar antes de compartir',
  'export.recipients': 'Destinatarias',
  'export.counts': 'Testimonios a enviar: {records} · archivos: {attachments}',
  'export.refusedTitle': 'Excluidos por el consentimiento: {n}',
  'export.refused.withdrawn': 'se retiró el consentimiento',
  'export.refused.unknown': 'el consentimiento no consta como dado',
  'export.refused.archiveOnly': 'el consentimiento cubre solo el archivo',
  'export.asPartnerSees': 'Como los leerá la aliada',
  'export.redacted': 'Ocultado',
  'export.identitiesKept': 'Identidades incluidas',
  'export.confirm': 'He leído lo anterior y quiero compartir los demás.',
  'export.back': 'Atrás',
  'export.write': 'Escribir el paquete…',
  'export.doneTitle': 'Paquete escrito',
  'export.done':
    'Testimonios: {records} · archivos: {attachments} · tamaño: {size}. Envíe el archivo a las aliadas por cualquier medio: solo ellas pueden abrirlo.',
  'export.close': 'Cerrar',
  'export.replacedTitle': 'Lo que sustituye la anonimización',
  'export.nothingReplaced': 'En este testimonio no se sustituye nada.',
  'export.times': '×{n}',
  'export.warningsTitle': 'Lo que la anonimización no cubre',
  'export.warning':
    '«{passage}» aparece también dentro de otras palabras, que se envían tal cual: {forms}. Márquelas también o edite el texto.',
  'export.filesTitle': 'Archivos',
  'export.filesNote':
    'Los archivos se envían como copias limpias: las fotos, los PDF y los archivos de audio y vídeo pierden los metadatos que pueden identificar a alguien (lugar, dispositivo, autoría, fechas); su bóveda conserva los originales. Un archivo que no se puede limpiar lo indica abajo. Su contenido no se anonimiza: una cara o una voz pueden identificar a alguien. Deje fuera cualquier archivo que no deba salir.',
  'export.keepMetadata':
    'Enviar los archivos originales con sus metadatos (lugar, dispositivo, autoría)',
  'export.fileCarries': 'Se envía con sus metadatos, que pueden identificar a alguien:',
  'export.sentAs.cleaned': 'copia limpia',
  'export.sentAs.kept': 'original, con sus metadatos',
  'export.sentAs.format': 'se envía tal cual: este tipo de archivo no se limpia',
  'export.sentAs.too-large': 'se envía tal cual: demasiado grande para limpiarlo',
  'export.filesAsIs': 'El contenido de los archivos nunca se anonimiza.',
  'export.sendFile': 'Enviar',
  'export.nothingToWrite':
    'No se puede escribir nada: el consentimiento de cada testimonio elegido rechaza compartirlo. Abra abajo el consentimiento de un testimonio para revisarlo, o elija otros testimonios.',
  'export.confirmFirst': 'Para escribir el paquete, marque la confirmación de arriba.',
  'export.openConsent': 'Abrir su consentimiento',

  'error.wrongPassphrase':
    'Frase de contraseña incorrecta. Compruebe la distribución del teclado y las mayúsculas, y vuelva a intentarlo.',
  'error.wrongRecoveryKey':
    'Esa clave de recuperación no abre esta bóveda. Compárela con su copia.',
  'error.locked': 'La bóveda está bloqueada.',
  'error.inUse':
    'La bóveda está abierta en otro programa (otra ventana o el comando tvault). Ciérrelo primero.',
  'error.corrupt':
    'La bóveda está dañada. No cambie nada; haga una copia de la carpeta y pida ayuda.',
  'error.exists': 'Ya existe una bóveda aquí.',
  'error.integrity':
    'Algunos datos guardados no superaron la comprobación de integridad: fueron alterados o están dañados.',
  'error.recordNotFound': 'Este testimonio ya no existe.',
  'error.attachmentNotFound': 'Este archivo ya no existe.',
  'error.invalid': 'Parte de lo introducido no es válido. Revise los campos y vuelva a intentarlo.',
  'error.fileIo': 'No se pudo leer o escribir un archivo (no existe, sin permiso o disco lleno).',
  'error.cancelled': 'Cancelado.',
  'error.partnerNotFound': 'No hay ninguna aliada con ese nombre.',
  'error.partnerExists': 'Esta aliada (o esta identidad) ya está en la lista.',
  'error.teamNotFound': 'Esta bóveda aún no forma parte de un equipo.',
  'error.teamExists': 'Esta bóveda ya forma parte de un equipo.',
  'error.identityInvalid':
    'No es una identidad válida. Pida a la aliada que la envíe de nuevo, completa.',
  'error.bundle': 'No se puede leer este paquete: está dañado o fue alterado. No se importó nada.',
  'error.bundleNotForUs': 'Este paquete no está dirigido a esta bóveda.',
  'error.bundleUnknownSender':
    'Quien lo envía no es una de sus aliadas. Compare antes la huella digital.',
  'error.exportRefused':
    'No se escribió nada: la selección necesita su confirmación, o el consentimiento excluye todos los testimonios.',
  'error.limit':
    'Esto supera un límite que la aplicación fija para protegerse (por ejemplo, demasiados archivos a la vez o un paquete demasiado grande para abrirlo). No se cambió nada.',
  'error.ocr':
    'No se pudo reconocer texto en este archivo (no es una imagen legible, está dañado o es demasiado grande). El archivo se conserva sin cambios.',
  'error.internal': 'Algo salió mal. No se cambió nada.',
  ...custodyEs,
  ...vocabularyEs,
  ...importEs,
  ...teamEs,
};
