import type { importEn } from './en';

/** Mensajes en español del asistente de importación (ver en.ts). */
export const importEs: Record<keyof typeof importEn, string> = {
  'import.open': 'Importar…',
  'import.chooseTitle': 'Elegir una exportación para importar',
  'import.mappingTitle': 'Elegir un archivo de correspondencia',
  'import.filesTitle': 'Elegir la carpeta con los archivos de la exportación',
  'import.exportFiles': 'Exportaciones (XML, CSV, XLSX, JSONL)',
  'import.mappingFiles': 'Archivos de correspondencia (JSON)',

  'import.title': 'Importar desde otra herramienta',
  'import.stepOf': 'Paso {n} de {total}',
  'import.close': 'Cerrar',
  'import.back': 'Atrás',
  'import.next': 'Siguiente',

  'import.fileTitle': 'Archivo y origen',
  'import.fileIntro':
    'Elige una exportación de Martus (XML), Uwazi (CSV) o KoboToolbox (CSV o XLSX), o un archivo CSV o JSONL. No se escribe nada hasta que confirmes.',
  'import.chooseFile': 'Elegir un archivo…',
  'import.chosenFile': 'Archivo: {name} ({size})',
  'import.source': 'Origen',
  'import.sourceByContent': 'Reconocido por el contenido del archivo.',
  'import.sourceByExtension': 'Deducido del nombre del archivo: compruébalo.',
  'import.sourceNone': 'Elige qué herramienta creó este archivo.',
  'import.sourcePick': 'Elegir un origen',
  'import.source.martus': 'Martus (boletines XML)',
  'import.source.uwazi': 'Uwazi (exportación CSV)',
  'import.source.kobo': 'KoboToolbox (CSV o XLSX)',
  'import.source.csv': 'CSV (columnas de testimonio, o con un archivo de correspondencia)',
  'import.source.jsonl': 'JSONL (un registro por línea)',
  'import.mapping': 'Archivo de correspondencia (opcional): {name}',
  'import.chooseMapping': 'Elegir un archivo de correspondencia…',
  'import.filesFolder': 'Carpeta de archivos adjuntos (opcional): {name}',
  'import.chooseFolder': 'Elegir una carpeta…',
  'import.none': 'ninguno',
  'import.reading': 'Leyendo los primeros registros…',
  'import.unreadable.empty': '{name} está vacío: no hay nada que importar.',
  'import.unreadable.encoding':
    '{name} no es texto UTF-8. Guárdalo de nuevo como UTF-8 (en una hoja de cálculo: «CSV UTF-8») y vuelve a elegirlo.',
  'import.unreadable.binary': '{name} no es una exportación de texto: contiene datos binarios.',
  'import.unreadable.unknown':
    '{name} no parece una exportación de Martus, Uwazi o KoboToolbox, ni un archivo CSV o JSONL. Si sabes qué herramienta lo creó, elige el origen.',
  'import.error.file': '{name} no se puede importar con este origen. El archivo indica:',
  'import.error.mapping': 'El archivo de correspondencia {name} no se puede usar:',
  'import.error.other': '{name}: {cause}',

  'import.previewTitle': 'Vista previa de los primeros registros',
  'import.previewCounts':
    '{read} registros leídos: {created} nuevos, {updated} por actualizar, {unchanged} sin cambios, {rejected} rechazados.',
  'import.previewLimit':
    'La vista previa lee como máximo los primeros {count} registros; la importación los lee todos.',
  'import.mappingCaption': 'En qué se convierte cada campo del origen',
  'import.sourceField': 'Campo del origen',
  'import.testimonyField': 'Campo del testimonio',
  'import.rest': 'Todos los demás campos, como líneas «nombre: valor»',
  'import.target.consentStatus': 'Consentimiento',
  'import.target.consentScope': 'Alcance del consentimiento',
  'import.target.consentDate': 'Fecha del consentimiento',
  'import.target.consentNote': 'Nota sobre el consentimiento',
  'import.ownFields':
    'Este archivo usa el formato de testimonios: sus columnas son los campos propios del testimonio.',
  'import.unmappedTitle': 'Campos del origen que no se importan',
  'import.gatheredTitle': 'Reunidos en el testimonio como líneas «nombre: valor»',
  'import.samplesCaption': 'Los primeros registros tal como se guardarán',
  'import.position.line': 'línea {n}',
  'import.position.row': 'fila {n}',
  'import.position.record': 'registro {n}',
  'import.colWhere': 'Dónde',
  'import.colFiles': 'Archivos',
  'import.colReason': 'Motivo',
  'import.rejectedTitle': 'Registros rechazados',
  'import.missingFiles':
    '{count} archivo(s) nombrado(s) en estos registros no se pueden adjuntar (no encontrados, o ninguna carpeta elegida); los registros se importan sin ellos.',

  'import.consentTitle': 'Consentimiento',
  'import.consentIntro':
    'El consentimiento nunca se adivina. Elige el campo del origen que registra el consentimiento de cada persona, o déjalo desconocido; podrás fijarlo después en cada testimonio.',
  'import.consentLegend': 'De dónde viene el consentimiento',
  'import.consentUnknown': 'Ningún campo: consentimiento «desconocido» para cada registro',
  'import.consentOwn':
    'Este archivo usa el formato de testimonios: cada registro lleva sus propios campos de consentimiento.',
  'import.consentAnswers':
    'Respuestas entendidas: yes / no, given / withdrawn, true / false, 1 / 0, oui / non, sí / no, نعم / لا. Un registro con otra respuesta se rechaza.',
  'import.withoutConsent':
    '{count} de los {read} registros leídos no tienen consentimiento en la exportación: se importarán con consentimiento «desconocido».',
  'import.checking': 'Comprobando…',

  'import.confirmTitle': 'Confirmar',
  'import.confirmFile': 'Archivo',
  'import.confirmSource': 'Origen',
  'import.confirmMapping': 'Correspondencia',
  'import.confirmFolder': 'Archivos adjuntos',
  'import.confirmConsent': 'Consentimiento',
  'import.defaultMapping': 'los valores predeterminados de este origen',
  'import.allOrNothing':
    'Todo el archivo se importa en un solo paso: si la importación se cancela o falla, no se importa ni se cambia nada. Los testimonios importados antes de la misma exportación se actualizan, no se duplican.',
  'import.start': 'Importar',
  'import.cancelled': 'La importación se canceló: no se importó ni se cambió nada.',

  'import.progressTitle': 'Importando',
  'import.progressRecords': '{records} registros leídos',
  'import.progressBytes': '{done} de {total}',
  'import.progressLabel': 'Progreso de la importación',
  'import.cancel': 'Cancelar la importación',

  'import.summaryTitle': 'Importación terminada',
  'import.summaryCounts':
    '{created} nuevos, {updated} actualizados, {unchanged} sin cambios, {rejected} rechazados.',
  'import.summaryWithoutConsent':
    '{count} testimonios llegaron sin consentimiento: su consentimiento es «desconocido». Fíjalo antes de compartirlos.',
  'import.summaryAttached': '{count} archivo(s) adjuntado(s).',
  'import.missingTitle': 'Archivos que no se pudieron adjuntar',
  'import.fileN': 'archivo {n}',
  'import.done': 'Volver al archivo',
};
