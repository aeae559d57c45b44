import type { importEn } from './en';

/**
 * الرسائل العربية لمساعد الاستيراد (انظر en.ts). تخاطب القارئة بصيغة المؤنث مثل بقية الواجهة،
 * ويجب أن تراجعها المجموعات التي تستخدمها.
 */
export const importAr: Record<keyof typeof importEn, string> = {
  'import.open': 'استيراد…',
  'import.chooseTitle': 'اختاري ملف تصدير لاستيراده',
  'import.mappingTitle': 'اختاري ملف المطابقة',
  'import.filesTitle': 'اختاري المجلد الذي يحوي ملفات التصدير',
  'import.exportFiles': 'ملفات التصدير (XML وCSV وXLSX وJSONL)',
  'import.mappingFiles': 'ملفات المطابقة (JSON)',

  'import.title': 'الاستيراد من أداة أخرى',
  'import.stepOf': 'الخطوة {n} من {total}',
  'import.close': 'إغلاق',
  'import.back': 'رجوع',
  'import.next': 'التالي',

  'import.fileTitle': 'الملف والمصدر',
  'import.fileIntro':
    'اختاري ملف تصدير من Martus (XML) أو Uwazi (CSV) أو KoboToolbox (CSV أو XLSX)، أو ملف CSV أو JSONL. لا يُكتب شيء قبل أن تؤكّدي.',
  'import.chooseFile': 'اختيار ملف…',
  'import.chosenFile': 'الملف: {name} ({size})',
  'import.source': 'المصدر',
  'import.sourceByContent': 'تم التعرّف عليه من محتوى الملف.',
  'import.sourceByExtension': 'مُستنتَج من اسم الملف: تحقّقي منه.',
  'import.sourceNone': 'اختاري الأداة التي أنشأت هذا الملف.',
  'import.sourcePick': 'اختاري مصدرًا',
  'import.source.martus': 'Martus (نشرات XML)',
  'import.source.uwazi': 'Uwazi (تصدير CSV)',
  'import.source.kobo': 'KoboToolbox (CSV أو XLSX)',
  'import.source.csv': 'CSV (أعمدة الشهادة، أو مع ملف مطابقة)',
  'import.source.jsonl': 'JSONL (سجل في كل سطر)',
  'import.mapping': 'ملف المطابقة (اختياري): {name}',
  'import.chooseMapping': 'اختيار ملف مطابقة…',
  'import.filesFolder': 'مجلد الملفات المرفقة (اختياري): {name}',
  'import.chooseFolder': 'اختيار مجلد…',
  'import.none': 'لا شيء',
  'import.reading': 'جارٍ قراءة السجلات الأولى…',
  'import.unreadable.empty': 'الملف {name} فارغ: لا شيء لاستيراده.',
  'import.unreadable.encoding':
    'الملف {name} ليس نصًا بترميز UTF-8. احفظيه مرة أخرى بترميز UTF-8 (في جدول البيانات: «CSV UTF-8») ثم اختاريه من جديد.',
  'import.unreadable.binary': 'الملف {name} ليس تصديرًا نصيًا: فيه بيانات ثنائية.',
  'import.unreadable.unknown':
    'لا يبدو الملف {name} تصديرًا من Martus أو Uwazi أو KoboToolbox، ولا ملف CSV أو JSONL. إن كنتِ تعرفين الأداة التي أنشأته فاختاري المصدر.',
  'import.error.file': 'لا يمكن استيراد {name} بهذا المصدر. يقول الملف:',
  'import.error.mapping': 'لا يمكن استخدام ملف المطابقة {name}:',
  'import.error.other': '{name}: {cause}',

  'import.previewTitle': 'معاينة السجلات الأولى',
  'import.previewCounts':
    'قُرئ {read} سجلًا: {created} جديدة، و{updated} للتحديث، و{unchanged} دون تغيير، و{rejected} مرفوضة.',
  'import.previewLimit': 'تقرأ المعاينة أول {count} سجل على الأكثر؛ أما الاستيراد فيقرؤها كلها.',
  'import.mappingCaption': 'ما يصير إليه كل حقل من المصدر',
  'import.sourceField': 'حقل المصدر',
  'import.testimonyField': 'حقل الشهادة',
  'import.rest': 'كل الحقول الأخرى، في أسطر «الاسم: القيمة»',
  'import.target.consentStatus': 'الموافقة',
  'import.target.consentScope': 'نطاق الموافقة',
  'import.target.consentDate': 'تاريخ الموافقة',
  'import.target.consentNote': 'ملاحظة عن الموافقة',
  'import.ownFields': 'يتبع هذا الملف صيغة الشهادات: أعمدته هي حقول الشهادة نفسها.',
  'import.unmappedTitle': 'حقول المصدر التي لن تُستورد',
  'import.gatheredTitle': 'مجموعة في الشهادة في أسطر «الاسم: القيمة»',
  'import.samplesCaption': 'السجلات الأولى كما ستُحفظ',
  'import.position.line': 'السطر {n}',
  'import.position.row': 'الصف {n}',
  'import.position.record': 'السجل {n}',
  'import.colWhere': 'الموضع',
  'import.colFiles': 'الملفات',
  'import.colReason': 'السبب',
  'import.rejectedTitle': 'السجلات المرفوضة',
  'import.missingFiles':
    'لا يمكن إرفاق {count} ملف مذكور في هذه السجلات (غير موجود، أو لم يُختر مجلد)؛ تُستورد السجلات من دونها.',

  'import.consentTitle': 'الموافقة',
  'import.consentIntro':
    'لا تُخمَّن الموافقة أبدًا. اختاري حقل المصدر الذي يسجّل موافقة كل راوية، أو اتركي الموافقة «غير معروفة»؛ يمكنك تحديدها لكل شهادة لاحقًا.',
  'import.consentLegend': 'مصدر الموافقة',
  'import.consentUnknown': 'لا حقل: الموافقة «غير معروفة» لكل سجل',
  'import.consentOwn': 'يتبع هذا الملف صيغة الشهادات: يحمل كل سجل حقول موافقته الخاصة.',
  'import.consentAnswers':
    'الإجابات المفهومة: yes / no، وgiven / withdrawn، وtrue / false، و1 / 0، وoui / non، وsí / no، ونعم / لا. يُرفض السجل الذي يحمل أي إجابة أخرى.',
  'import.withoutConsent':
    '{count} من {read} سجلًا مقروءًا بلا موافقة في التصدير: ستُستورد بموافقة «غير معروفة».',
  'import.checking': 'جارٍ التحقق…',

  'import.confirmTitle': 'التأكيد',
  'import.confirmFile': 'الملف',
  'import.confirmSource': 'المصدر',
  'import.confirmMapping': 'المطابقة',
  'import.confirmFolder': 'الملفات المرفقة',
  'import.confirmConsent': 'الموافقة',
  'import.defaultMapping': 'الإعدادات الافتراضية لهذا المصدر',
  'import.allOrNothing':
    'يُستورد الملف كله في خطوة واحدة: إن أُلغي الاستيراد أو فشل فلا يُستورد شيء ولا يتغيّر شيء. الشهادات المستوردة سابقًا من التصدير نفسه تُحدَّث ولا تتكرّر.',
  'import.start': 'استيراد',
  'import.cancelled': 'أُلغي الاستيراد: لم يُستورد شيء ولم يتغيّر شيء.',

  'import.progressTitle': 'جارٍ الاستيراد',
  'import.progressRecords': 'قُرئ {records} سجلًا',
  'import.progressBytes': '{done} من {total}',
  'import.progressLabel': 'تقدّم الاستيراد',
  'import.cancel': 'إلغاء الاستيراد',

  'import.summaryTitle': 'انتهى الاستيراد',
  'import.summaryCounts':
    '{created} جديدة، و{updated} محدَّثة، و{unchanged} دون تغيير، و{rejected} مرفوضة.',
  'import.summaryWithoutConsent':
    'وصلت {count} شهادة بلا موافقة: موافقتها «غير معروفة». حدّديها قبل مشاركتها.',
  'import.summaryAttached': 'أُرفق {count} ملف.',
  'import.missingTitle': 'ملفات تعذّر إرفاقها',
  'import.fileN': 'الملف {n}',
  'import.done': 'العودة إلى الأرشيف',
};
