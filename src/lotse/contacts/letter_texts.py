"""The fixed text of the invitation letter, in German and in the languages clients need most.

NEEDS REVIEW BY A NATIVE SPEAKER: the translations (uk, ru, ar, fa, ti, en) were written by the
development team, not by certified translators. Tigrinya (ti) in particular must be checked
before a Jobcenter sends these letters. Persian (fa) is written for Farsi and Dari readers alike;
a Dari reviewer may prefer other words. The German text is the binding one, and every letter
says so. See ``templates/README.md``.
"""

from __future__ import annotations

from typing import Final

KEYS: Final = (
    "subject",
    "salutation",
    "intro",
    "when",
    "in_person",
    "phone",
    "video",
    "email",
    "contact_person",
    "bring",
    "cannot_come",
    "closing",
    "translation_note",
    "language_name",
)

RTL: Final = frozenset({"ar", "fa"})

TEXTS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "language_name": "Deutsch",
        "subject": "Einladung zu einem Gespräch",
        "salutation": "Guten Tag {name},",
        "intro": "wir laden Sie zu einem Gespräch über Ihre berufliche Situation ein.",
        "when": "Termin",
        "in_person": "Bitte kommen Sie persönlich zu uns: {place}.",
        "phone": "Wir rufen Sie zu diesem Termin an.",
        "video": "Das Gespräch findet per Video statt. Den Link erhalten Sie per E-Mail.",
        "email": "Wir schreiben Ihnen zu diesem Termin eine E-Mail. Bitte antworten Sie darauf.",
        "contact_person": "Ihre Ansprechperson: {officer}",
        "bring": "Bitte bringen Sie mit: Personalausweis oder Pass, Aufenthaltstitel, "
        "Lebenslauf und Zeugnisse.",
        "cannot_come": "Wenn Sie den Termin nicht wahrnehmen können, melden Sie sich bitte "
        "vorher bei uns.",
        "closing": "Mit freundlichen Grüßen",
        "translation_note": "Übersetzung zur Information. Verbindlich ist der deutsche Text.",
    },
    "uk": {
        "language_name": "Українська",
        "subject": "Запрошення на розмову",
        "salutation": "Доброго дня, {name}!",
        "intro": "Запрошуємо Вас на розмову щодо Вашої професійної ситуації.",
        "when": "Дата і час",
        "in_person": "Будь ласка, приходьте особисто: {place}.",
        "phone": "У цей час ми Вам зателефонуємо.",
        "video": "Розмова відбудеться у форматі відеозв'язку. Посилання Ви отримаєте "
        "електронною поштою.",
        "email": "У цей час ми надішлемо Вам електронного листа. Будь ласка, дайте на нього "
        "відповідь.",
        "contact_person": "Ваша контактна особа: {officer}",
        "bring": "Будь ласка, візьміть із собою: посвідчення особи або паспорт, дозвіл на "
        "проживання, резюме та свідоцтва або дипломи.",
        "cannot_come": "Якщо Ви не можете прийти, будь ласка, повідомте нас про це заздалегідь.",
        "closing": "З повагою",
        "translation_note": "Переклад для інформації. Юридичну силу має текст німецькою мовою.",
    },
    "ru": {
        "language_name": "Русский",
        "subject": "Приглашение на беседу",
        "salutation": "Здравствуйте, {name}!",
        "intro": "Приглашаем Вас на беседу о Вашей профессиональной ситуации.",
        "when": "Дата и время",
        "in_person": "Пожалуйста, приходите лично: {place}.",
        "phone": "В это время мы Вам позвоним.",
        "video": "Беседа состоится по видеосвязи. Ссылку Вы получите по электронной почте.",
        "email": "В это время мы напишем Вам электронное письмо. Пожалуйста, ответьте на него.",
        "contact_person": "Ваше контактное лицо: {officer}",
        "bring": "Пожалуйста, возьмите с собой: удостоверение личности или паспорт, вид на "
        "жительство, резюме и свидетельства или дипломы.",
        "cannot_come": "Если Вы не можете прийти, пожалуйста, сообщите нам об этом заранее.",
        "closing": "С уважением",
        "translation_note": "Перевод для информации. Юридическую силу имеет текст на немецком "
        "языке.",
    },
    "ar": {
        "language_name": "العربية",
        "subject": "دعوة إلى مقابلة",
        "salutation": "مرحباً {name}،",
        "intro": "ندعوك إلى مقابلة للحديث عن وضعك المهني.",
        "when": "الموعد",
        "in_person": "يرجى الحضور شخصياً إلى: {place}.",
        "phone": "سنتصل بك هاتفياً في هذا الموعد.",
        "video": "ستتم المقابلة عبر الفيديو. سيصلك الرابط عبر البريد الإلكتروني.",
        "email": "سنرسل إليك رسالة بالبريد الإلكتروني في هذا الموعد. يرجى الرد عليها.",
        "contact_person": "الشخص المسؤول عنك: {officer}",
        "bring": "يرجى إحضار: بطاقة الهوية أو جواز السفر، وتصريح الإقامة، والسيرة الذاتية، "
        "والشهادات.",
        "cannot_come": "إذا لم تتمكن من الحضور في هذا الموعد، يرجى إبلاغنا مسبقاً.",
        "closing": "مع أطيب التحيات",
        "translation_note": "هذه الترجمة للعلم فقط. النص الألماني هو النص المعتمد.",
    },
    "fa": {
        "language_name": "فارسی / دری",
        "subject": "دعوت به گفت‌وگو",
        "salutation": "سلام {name}،",
        "intro": "شما را به یک گفت‌وگو درباره وضعیت شغلی‌تان دعوت می‌کنیم.",
        "when": "زمان قرار",
        "in_person": "لطفاً حضوری به این نشانی بیایید: {place}.",
        "phone": "در این زمان با شما تماس تلفنی می‌گیریم.",
        "video": "گفت‌وگو به صورت ویدیویی انجام می‌شود. لینک را از طریق ایمیل دریافت می‌کنید.",
        "email": "در این زمان به شما ایمیل می‌فرستیم. لطفاً به آن پاسخ دهید.",
        "contact_person": "فرد مسئول شما: {officer}",
        "bring": "لطفاً این مدارک را همراه بیاورید: کارت شناسایی یا گذرنامه، اجازه اقامت، "
        "رزومه و مدارک تحصیلی.",
        "cannot_come": "اگر نمی‌توانید در این قرار حاضر شوید، لطفاً از قبل به ما اطلاع دهید.",
        "closing": "با احترام",
        "translation_note": "این ترجمه فقط برای اطلاع است. متن آلمانی معتبر است.",
    },
    "ti": {
        "language_name": "ትግርኛ",
        "subject": "ዕድመ ንዝርርብ",
        "salutation": "ሰላም {name}፣",
        "intro": "ብዛዕባ ናይ ስራሕ ኩነታትኩም ንምዝታይ ንዕድመኩም ኣለና።",
        "when": "ዕለትን ሰዓትን",
        "in_person": "በጃኹም ብኣካል ናብዚ ቦታ ምጹ፦ {place}።",
        "phone": "ኣብዚ ሰዓት ብተሌፎን ክንድውለልኩም ኢና።",
        "video": "እቲ ዝርርብ ብቪድዮ እዩ ዝካየድ። እቲ ሊንክ ብኢመይል ክበጽሓኩም እዩ።",
        "email": "ኣብዚ ሰዓት ኢመይል ክንሰደልኩም ኢና። በጃኹም መልሲ ሃቡ።",
        "contact_person": "ተጸዋዒ ሰብኩም፦ {officer}",
        "bring": "በጃኹም ሒዝኩም ምጹ፦ መንነት ወረቐት ወይ ፓስፖርት፣ ናይ መንበሪ ፍቓድ፣ ዝርዝር ታሪኽ "
        "ህይወት (CV) ከምኡ'ውን ምስክር ወረቐታት።",
        "cannot_come": "ኣብዚ ቆጸራ ክትመጹ እንተዘይክኢልኩም፣ በጃኹም ኣቐዲምኩም ሓብሩና።",
        "closing": "ምስ ሰላምታ",
        "translation_note": "እዚ ትርጉም ንሓበሬታ ጥራይ እዩ። እቲ ብጀርመንኛ ዘሎ ጽሑፍ እዩ ዝሰርሕ።",
    },
    "en": {
        "language_name": "English",
        "subject": "Invitation to an appointment",
        "salutation": "Hello {name},",
        "intro": "we invite you to a conversation about your work situation.",
        "when": "Date and time",
        "in_person": "Please come to see us in person: {place}.",
        "phone": "We will call you at this time.",
        "video": "The conversation takes place by video. You will receive the link by e-mail.",
        "email": "We will send you an e-mail at this time. Please reply to it.",
        "contact_person": "Your contact person: {officer}",
        "bring": "Please bring: identity card or passport, residence permit, CV and certificates.",
        "cannot_come": "If you cannot come, please let us know beforehand.",
        "closing": "Kind regards",
        "translation_note": "Translation for information. The German text is binding.",
    },
}
