import type { teamEn } from './en';

/** الرسائل العربية لأرشيف الفريق (انظر en.ts). */
export const teamAr: Record<keyof typeof teamEn, string> = {
  'nav.team': 'الفريق',
  'team.title': 'أرشيف الفريق',
  'team.titleNamed': 'أرشيف الفريق «{name}»',
  'team.none': 'هذه الخزنة ليست في أي فريق',
  'team.setupIntro':
    'يربط أرشيف الفريق خزائن عدة حواسيب عبر مجلد يُبقيه برنامج مزامنة (Syncthing أو Nextcloud أو قرص مشترك، بل حتى قرص USB) متطابقًا في كل مكان. لا يحوي المجلد إلا مجموعات تغييرات مشفّرة وموقّعة. يُنشأ الفريق بأداة سطر الأوامر tvault والتطبيق مغلق:',
  'team.setupCreate': 'على الحاسوب الأول، أنشئي الفريق على نسختك من المجلد المشترك:',
  'team.setupInvite':
    'ادعي كل عضوة بهويتها (في شاشة «الشركاء والمشاركة» لديها)، بعد مقارنة البصمات:',
  'team.setupJoin': 'على حاسوب العضوة الجديدة، انضمّي بما طبعته الدعوة:',
  'team.setupDocs':
    'يشرح الملف docs/team.md كل خطوة، وما يعرفه المجلد وبرنامج المزامنة، وكيف يُضبط Syncthing. ثم افتحي هذه الشاشة من جديد: يزامن التطبيق عند فتح الخزنة وكل بضع دقائق.',
  'team.membersTitle': 'الأعضاء',
  'team.thisVault': 'هذه الخزنة',
  'team.removalTitle': 'إزالة عضوة',
  'team.removal':
    'تُزال العضوة بالأمر tvault team remove. مجموعات التغييرات المكتوبة بعد ذلك لا تُوجَّه إليها، فلا يصلها شيء جديد.',
  'team.removalLimit':
    'ما وصلها من قبل لا يمكن استرجاعه: الشهادات والملفات الموجودة على حاسوبها تبقى هناك.',
  'team.syncTitle': 'المزامنة',
  'team.folder': 'مجلد الفريق',
  'team.id': 'معرّف الفريق',
  'team.syncing': 'جارٍ المزامنة…',
  'team.pending':
    'مجموعات تغييرات تنتظر ما تحتاجه: {waiting}. لم تُكتب بعد في المجلد: {unpublished}.',
  'team.syncNow': 'زامني الآن',
  'team.never': 'لم تنتهِ أي مزامنة منذ فتح الخزنة.',
  'team.lastOk':
    'آخر مزامنة {time}: أُرسل {published}، استُلم {applied}، رُفض {rejected}، ينتظر {waiting}.',
  'team.lastFailed': 'فشلت آخر مزامنة ({time}): {reason}',
  'team.folderUnreadable':
    'تتعذّر قراءة مجلد الفريق {folder} أو الكتابة فيه. هل ما زال موجودًا، وهل برنامج المزامنة يعمل؟ لم يضع شيء؛ ستحاول المزامنة التالية من جديد.',
  'team.interval': 'المزامنة كل (دقائق)',
  'team.intervalHint': 'ما دامت الخزنة مفتوحة. وتجري مزامنة أيضًا في كل مرة تُفتح فيها.',
  'team.conflictsTitle': 'التعارضات',
  'team.noConflicts': 'لا تعارضات.',
  'team.conflictsIntro':
    'عُدّلت هذه الشهادات على حاسوبين قبل أن يتزامنا. لم يُكتب شيء فوق شيء: قارني النسخ واختاري التي تُحفظ.',
  'team.conflictVersions': 'عدد النسخ: {count}، كتبتها: {authors}',
  'team.unknownAuthor': 'عضوة سابقة',
  'team.compare': 'قارني واختاري',
  'team.compareLabel': 'قارني واختاري: «{title}»',
  'team.untitled': 'شهادة بلا عنوان',
  'team.version': '{author}، {time}',
  'team.compareCaption': 'النسخ جنبًا إلى جنب، حقلًا بحقل',
  'team.field': 'الحقل',
  'team.shownNow': 'المعروضة الآن',
  'team.deletedVersion': 'تحذف الشهادة',
  'team.differs': 'مختلف',
  'team.compareTitle': 'نسخ «{title}»',
  'team.back': 'العودة إلى الفريق',
  'team.compareIntro':
    'كل عمود نسخة؛ الصفوف المختلفة معلَّمة، وكذلك الكلمات التي لا توجد إلا في نسخة واحدة.',
  'team.keepLegend': 'النسخة التي تُحفظ',
  'team.keepWarning':
    'بعد ذلك لا تعرض الشهادة إلا النسخة التي تحفظينها، على كل حواسيب الفريق. انسخي ما تحتاجينه من النسخة الأخرى أولًا.',
  'team.keepButton': 'احفظي هذه النسخة',
  'team.resolved': 'حُلّ التعارض: حُفظت النسخة التي اخترتِها وأُرسلت إلى الفريق.',
};
