import type { custodyEn } from './en';

/**
 * الرسائل العربية لشاشات سلسلة الحفظ والاسترداد والنسخ الاحتياطي (انظر en.ts). تخاطب القارئة
 * بصيغة المؤنث مثل بقية الواجهة، ويجب أن تراجعها المجموعات التي تستخدمها.
 */
export const custodyAr: Record<keyof typeof custodyEn, string> = {
  'unlock.shares': 'أجزاء الاسترداد',
  'unlock.sharesIntro':
    'لديّ أجزاء استرداد: أدخلي العدد الذي يتطلبه التقسيم، جزءًا في كل حقل، كما كتبته كل من تحمله.',
  'unlock.shareLabel': 'الجزء {n}',
  'unlock.addShare': 'إضافة جزء آخر',
  'unlock.removeShare': 'إزالة الجزء {n}',
  'unlock.share.format': 'الجزء {n} ليس جزء استرداد: تبدأ الأجزاء بـ TVS1-.',
  'unlock.share.checksum': 'في الجزء {n} خطأ في الكتابة: قارنيه حرفًا حرفًا مع من تحمله.',
  'unlock.share.otherSplit':
    'الجزء {n} ينتمي إلى تقسيم آخر: صُنعت أجزاء جديدة منذ ذلك الحين، أو أنه من خزنة أخرى.',
  'unlock.share.repeated': 'الجزء {n} يكرر جزءًا أُدخل من قبل.',
  'unlock.share.tooFew': 'يلزم {needed} من الأجزاء؛ أُدخل {given}.',
  'unlock.share.altered': 'الأجزاء لا تعيد بناء مفتاح هذه الخزنة: أحدها تغيّر.',
  'unlock.share.noSplit': 'ليس لهذه الخزنة أجزاء استرداد: افتحيها بمفتاح الاسترداد.',

  'settings.custody': 'الاسترداد والتحقق والنسخ الاحتياطي',
  'recovery.intro':
    'إذا نُسيت عبارة المرور أو غادرت من تعرفها، فإن مفتاح الاسترداد أو الأجزاء التي تحملها زميلات موثوقات هي طريق العودة.',
  'recovery.newKey': 'إنشاء مفتاح استرداد جديد',
  'recovery.newKeyIntro':
    'يتوقف مفتاح الاسترداد الحالي عن العمل. يُعرض المفتاح الجديد مرة واحدة: اكتبيه على ورق واحفظيه بعيدًا عن هذا الحاسوب.',
  'recovery.make': 'إنشاء المفتاح الجديد',
  'recovery.making': 'جارٍ الإنشاء…',
  'recovery.keyShown': 'مفتاح الاسترداد الجديد',
  'recovery.keyOnce': 'لا يُعرض هذا المفتاح إلا الآن. المفتاح السابق لم يعد يعمل.',
  'recovery.done': 'لقد كتبته',
  'recovery.split': 'التقسيم إلى أجزاء',
  'recovery.splitIntro':
    'يذهب كل جزء إلى شخص موثوق مختلف. أي K من الأجزاء N تفتح الخزنة، وأقل من ذلك لا يكشف شيئًا. التقسيم من جديد يبطل الأجزاء السابقة، ويبقى مفتاح الاسترداد صالحًا.',
  'recovery.count': 'عدد الأجزاء (N)',
  'recovery.threshold': 'الأجزاء اللازمة للفتح (K)',
  'recovery.thresholdError': 'يجب أن يكون K على الأقل 2 وعلى الأكثر N.',
  'recovery.makeShares': 'إنشاء الأجزاء',
  'recovery.shareTitle': 'الجزء {k} من {n}',
  'recovery.shareFor':
    'هذا الجزء لشخص موثوق واحد فقط. أعطي كل جزء لشخص مختلف: {threshold} منها معًا تفتح الخزنة.',
  'recovery.shareOnce': 'لا يُعرض إلا الآن. انسخيه أو اطبعيه، سلّميه، ثم انتقلي إلى الجزء التالي.',
  'recovery.copy': 'نسخ',
  'recovery.copied': 'نُسخ. امسحي الحافظة بعد لصقه في مكانه.',
  'recovery.print': 'طباعة',
  'recovery.next': 'الجزء التالي',
  'recovery.finish': 'إنهاء',
  'recovery.splitDone': 'أُنشئ {n} من الأجزاء. الأجزاء السابقة لم تعد تعمل.',
  'custody.back': 'العودة إلى الإعدادات',

  'verify.title': 'التحقق من الخزنة',
  'verify.intro':
    'يتحقق من أن كل شهادة وكل ملف يُفك تشفيره ويطابق بصمته SHA-256، وأن سجل الحفظ كامل وتواقيعه سليمة، وأن فهرس البحث مطابق. لا يتغيّر شيء.',
  'verify.run': 'تحقّقي الآن',
  'verify.running': 'جارٍ التحقق…',
  'verify.ok':
    'كل شيء سليم: {records} شهادة ({revisions} مراجعة)، {attachments} ملف، {entries} قيد في السجل.',
  'verify.problems': 'المشكلات التي وُجدت: {count}. كل منها مسمّاة بمعرّف ما تمسّه.',
  'verify.kind': 'المشكلة',
  'verify.id': 'المعرّف',
  'verify.detail': 'التفاصيل',
  'progress.records': 'الشهادات',
  'progress.attachments': 'الملفات',
  'progress.log': 'سجل الحفظ',
  'progress.search': 'فهرس البحث',
  'progress.database': 'قاعدة البيانات',
  'progress.blobs': 'الملفات',

  'backup.title': 'النسخ الاحتياطية',
  'backup.intro':
    'ينسخ الخزنة، مشفّرة كما هي، إلى مجلد تختارينه (على قرص USB مثلًا) ثم يتحقق من النسخة. في نسخة سابقة من هذه الخزنة لا تُنسخ إلا الملفات الجديدة.',
  'backup.run': 'إنشاء نسخة احتياطية…',
  'backup.running': 'جارٍ النسخ…',
  'backup.done': 'أُنشئت النسخة وتُحقّق منها في {folder}: نُسخ {copied} ملف، و{kept} موجودة من قبل.',
  'backup.chooseTitle': 'اختيار مجلد النسخة الاحتياطية',

  'log.title': 'سجل الحفظ',
  'log.intro':
    'كل إجراء على هذه الخزنة، من الأقدم إلى الأحدث. تسمّي القيود الشهادات والملفات بالمعرّف والبصمة، وليس بمحتواها أبدًا.',
  'log.open': 'عرض سجل الحفظ',
  'log.filter': 'قيود شهادة واحدة فقط (معرّفها الكامل)',
  'log.filterInvalid': 'معرّف الشهادة 32 حرفًا من 0-9 و a-f.',
  'log.count': 'القيود: {count}',
  'log.seq': 'الرقم',
  'log.at': 'الوقت',
  'log.action': 'الإجراء',
  'log.about': 'يخص',
  'action.vault.created': 'إنشاء الخزنة',
  'action.vault.unlocked': 'فتح',
  'action.record.created': 'إضافة شهادة',
  'action.record.edited': 'تعديل شهادة',
  'action.record.opened': 'فتح شهادة',
  'action.record.deleted': 'حذف شهادة',
  'action.attachment.added': 'إضافة ملف',
  'action.attachment.extracted': 'حفظ نسخة من ملف',
  'action.attachment.deleted': 'إزالة ملف',
  'action.bundle.exported': 'مشاركة حزمة',
  'action.bundle.received': 'استلام حزمة',
  'action.passphrase.changed': 'تغيير عبارة المرور',
  'action.recovery.used': 'فتح بالاسترداد',
  'action.recovery.split': 'إنشاء أجزاء استرداد',
  'action.recovery.rotated': 'مفتاح استرداد جديد',
  'action.backup.made': 'إنشاء نسخة احتياطية',
  'action.backup.restored': 'استعادة من نسخة احتياطية',

  'report.open': 'تقرير الحفظ',
  'report.title': 'تقرير الحفظ',
  'report.intro':
    'من فعل ماذا بهذه الشهادة ومتى، من سجل الحفظ الموقّع للخزنة. ملف JSON الموقّع هو الدليل الذي تتحقق منه جهة شريكة أو محكمة (tvault custody verify)، والصفحة للطباعة.',
  'report.fingerprint': 'بصمة الخزنة',
  'report.revisions': 'المراجعات',
  'report.files': 'الملفات',
  'report.entries': 'قيود الحفظ',
  'report.revision': 'المراجعة',
  'report.date': 'التاريخ',
  'report.name': 'الاسم',
  'report.size': 'الحجم',
  'report.saveJson': 'حفظ ملف JSON الموقّع…',
  'report.saveHtml': 'حفظ الصفحة القابلة للطباعة…',
  'report.saved': 'حُفظ: {files}',
  'report.close': 'إغلاق',
  'report.saveTitle': 'حفظ تقرير الحفظ',

  'error.backupInvalid':
    'هذا المجلد ليس فارغًا وليس نسخة احتياطية من هذه الخزنة. اختاري مجلدًا فارغًا أو نسخة سابقة من هذه الخزنة.',
};
