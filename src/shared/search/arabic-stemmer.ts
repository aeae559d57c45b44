/**
 * Arabic light stemmer: an ES-module port of the stemmer in lunr-languages' lunr.ar.js
 * (Copyright 2018 Dalia Al-Shahrabi, MPL-1.1, https://github.com/MihaiValentin/lunr-languages;
 * after Taghva, Elkhoury and Coombs 2005 and Hadni, Lachkar and Ouatik 2012). Same algorithm,
 * same data, same results (a test compares it with the original word by word on real text).
 *
 * Why a port: the original keeps its state on `this` inside a plain function call
 * (`var self = this`). In a CommonJS module under Node that is the global object (it leaks
 * `word`, `result`, `stem`... into globalThis); in an ES-module bundle (vite/rolldown, the Web
 * Worker) it is undefined and registering the language throws. The index must be analysed the
 * same way in the CLI and in the worker, so both use this port.
 */

interface PatternChar {
  c: string;
  l: number;
  m?: number;
}
interface Pattern {
  pt: PatternChar[];
  mPt?: PatternChar[];
}
type PatternSet = Record<'pt43' | 'pt53' | 'pt54' | 'pt63' | 'pt64' | 'pt73' | 'pt75', Pattern[]>;

const PATTERNS = JSON.parse(
  '{"pt43":[{"pt":[{"c":"ا","l":1}]},{"pt":[{"c":"ا,ت,ن,ي","l":0}],"mPt":[{"c":"ف","l":0,"m":1},{"c":"ع","l":1,"m":2},{"c":"ل","l":2,"m":3}]},{"pt":[{"c":"و","l":2}],"mPt":[{"c":"ف","l":0,"m":0},{"c":"ع","l":1,"m":1},{"c":"ل","l":2,"m":3}]},{"pt":[{"c":"ا","l":2}]},{"pt":[{"c":"ي","l":2}],"mPt":[{"c":"ف","l":0,"m":0},{"c":"ع","l":1,"m":1},{"c":"ا","l":2},{"c":"ل","l":3,"m":3}]},{"pt":[{"c":"م","l":0}]}],"pt53":[{"pt":[{"c":"ت","l":0},{"c":"ا","l":2}]},{"pt":[{"c":"ا,ن,ت,ي","l":0},{"c":"ت","l":2}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ت","l":2},{"c":"ع","l":3,"m":3},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"ا","l":0},{"c":"ا","l":2}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ع","l":2,"m":3},{"c":"ل","l":3,"m":4},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"ا","l":0},{"c":"ا","l":3}],"mPt":[{"c":"ف","l":0,"m":1},{"c":"ع","l":1,"m":2},{"c":"ل","l":2,"m":4}]},{"pt":[{"c":"ا","l":3},{"c":"ن","l":4}]},{"pt":[{"c":"ت","l":0},{"c":"ي","l":3}]},{"pt":[{"c":"م","l":0},{"c":"و","l":3}]},{"pt":[{"c":"ا","l":1},{"c":"و","l":3}]},{"pt":[{"c":"و","l":1},{"c":"ا","l":2}]},{"pt":[{"c":"م","l":0},{"c":"ا","l":3}]},{"pt":[{"c":"م","l":0},{"c":"ي","l":3}]},{"pt":[{"c":"ا","l":2},{"c":"ن","l":3}]},{"pt":[{"c":"م","l":0},{"c":"ن","l":1}],"mPt":[{"c":"ا","l":0},{"c":"ن","l":1},{"c":"ف","l":2,"m":2},{"c":"ع","l":3,"m":3},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"م","l":0},{"c":"ت","l":2}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ت","l":2},{"c":"ع","l":3,"m":3},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"م","l":0},{"c":"ا","l":2}]},{"pt":[{"c":"م","l":1},{"c":"ا","l":3}]},{"pt":[{"c":"ي,ت,ا,ن","l":0},{"c":"ت","l":1}],"mPt":[{"c":"ف","l":0,"m":2},{"c":"ع","l":1,"m":3},{"c":"ا","l":2},{"c":"ل","l":3,"m":4}]},{"pt":[{"c":"ت,ي,ا,ن","l":0},{"c":"ت","l":2}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ت","l":2},{"c":"ع","l":3,"m":3},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"ا","l":2},{"c":"ي","l":3}]},{"pt":[{"c":"ا,ي,ت,ن","l":0},{"c":"ن","l":1}],"mPt":[{"c":"ا","l":0},{"c":"ن","l":1},{"c":"ف","l":2,"m":2},{"c":"ع","l":3,"m":3},{"c":"ا","l":4},{"c":"ل","l":5,"m":4}]},{"pt":[{"c":"ا","l":3},{"c":"ء","l":4}]}],"pt63":[{"pt":[{"c":"ا","l":0},{"c":"ت","l":2},{"c":"ا","l":4}]},{"pt":[{"c":"ا,ت,ن,ي","l":0},{"c":"س","l":1},{"c":"ت","l":2}],"mPt":[{"c":"ا","l":0},{"c":"س","l":1},{"c":"ت","l":2},{"c":"ف","l":3,"m":3},{"c":"ع","l":4,"m":4},{"c":"ا","l":5},{"c":"ل","l":6,"m":5}]},{"pt":[{"c":"ا,ن,ت,ي","l":0},{"c":"و","l":3}]},{"pt":[{"c":"م","l":0},{"c":"س","l":1},{"c":"ت","l":2}],"mPt":[{"c":"ا","l":0},{"c":"س","l":1},{"c":"ت","l":2},{"c":"ف","l":3,"m":3},{"c":"ع","l":4,"m":4},{"c":"ا","l":5},{"c":"ل","l":6,"m":5}]},{"pt":[{"c":"ي","l":1},{"c":"ي","l":3},{"c":"ا","l":4},{"c":"ء","l":5}]},{"pt":[{"c":"ا","l":0},{"c":"ن","l":1},{"c":"ا","l":4}]}],"pt54":[{"pt":[{"c":"ت","l":0}]},{"pt":[{"c":"ا,ي,ت,ن","l":0}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ع","l":2,"m":2},{"c":"ل","l":3,"m":3},{"c":"ر","l":4,"m":4},{"c":"ا","l":5},{"c":"ر","l":6,"m":4}]},{"pt":[{"c":"م","l":0}],"mPt":[{"c":"ا","l":0},{"c":"ف","l":1,"m":1},{"c":"ع","l":2,"m":2},{"c":"ل","l":3,"m":3},{"c":"ر","l":4,"m":4},{"c":"ا","l":5},{"c":"ر","l":6,"m":4}]},{"pt":[{"c":"ا","l":2}]},{"pt":[{"c":"ا","l":0},{"c":"ن","l":2}]}],"pt64":[{"pt":[{"c":"ا","l":0},{"c":"ا","l":4}]},{"pt":[{"c":"م","l":0},{"c":"ت","l":1}]}],"pt73":[{"pt":[{"c":"ا","l":0},{"c":"س","l":1},{"c":"ت","l":2},{"c":"ا","l":5}]}],"pt75":[{"pt":[{"c":"ا","l":0},{"c":"ا","l":5}]}]}',
) as PatternSet;

/** lunr.ar's stop words (the stemmer's own list; lunr.ar.stopWordFilter is the same minus و). */
export const ARABIC_STOP_WORDS: readonly string[] =
  '، اض امين اه اها اي ا اب اجل اجمع اخ اخذ اصبح اضحى اقبل اقل اكثر الا ام اما امامك امامك امسى اما ان انا انت انتم انتما انتن انت انشا انى او اوشك اولئك اولئكم اولاء اولالك اوه اي ايا اين اينما اي ان اي اف اذ اذا اذا اذما اذن الى اليكم اليكما اليكن اليك اليك الا اما ان انما اي اياك اياكم اياكما اياكن ايانا اياه اياها اياهم اياهما اياهن اياي ايه ان ا ابتدا اثر اجل احد اخرى اخلولق اذا اربعة ارتد استحال اطار اعادة اعلنت اف اكثر اكد الالاء الالى الا الاخيرة الان الاول الاولى التى التي الثاني الثانية الذاتي الذى الذي الذين السابق الف اللائي اللاتي اللتان اللتيا اللتين اللذان اللذين اللواتي الماضي المقبل الوقت الى اليوم اما امام امس ان انبرى انقلب انه انها او اول اي ايار ايام ايضا ب بات باسم بان بخ برس بسبب بس بشكل بضع بطان بعد بعض بك بكم بكما بكن بل بلى بما بماذا بمن بن بنا به بها بي بيد بين بس بله بئس تان تانك تبدل تجاه تحول تلقاء تلك تلكم تلكما تم تينك تين ته تي ثلاثة ثم ثم ثمة ثم جعل جلل جميع جير حار حاشا حاليا حاي حتى حرى حسب حم حوالى حول حيث حيثما حين حي حبذا حتى حذار خلا خلال دون دونك ذا ذات ذاك ذانك ذان ذلك ذلكم ذلكما ذلكن ذو ذوا ذواتا ذواتي ذيت ذينك ذين ذه ذي راح رجع رويدك ريث رب زيارة سبحان سرعان سنة سنوات سوف سوى ساء ساءما شبه شخصا شرع شتان صار صباح صفر صه صه ضد ضمن طاق طالما طفق طق ظل عاد عام عاما عامة عدا عدة عدد عدم عسى عشر عشرة علق على عليك عليه عليها عل عن عند عندما عوض عين عدس عما غدا غير  ف فان فلان فو فى في فيم فيما فيه فيها قال قام قبل قد قط قلما قوة كانما كاين كاي كاين كاد كان كانت كذا كذلك كرب كل كلا كلاهما كلتا كلم كليكما كليهما كلما كلا كم كما كي كيت كيف كيفما كان كخ لئن لا لات لاسيما لدن لدى لعمر لقاء لك لكم لكما لكن لكنما لكي لكيلا للامم لم لما لما لن لنا له لها لو لوكالة لولا لوما لي لست لست لستم لستما لستن لست لسن لعل لكن ليت ليس ليسا ليستا ليست ليسوا لسنا ما ماانفك مابرح مادام ماذا مازال مافتئ مايو متى مثل مذ مساء مع معاذ مقابل مكانكم مكانكما مكانكن مكانك مليار مليون مما ممن من منذ منها مه مهما من من نحن نحو نعم نفس نفسه نهاية نخ نعما نعم ها هاؤم هاك هاهنا هب هذا هذه هكذا هل هلم هلا هم هما هن هنا هناك هنالك هو هي هيا هيت هيا هؤلاء هاتان هاتين هاته هاتي هج هذا هذان هذين هذه هذي هيهات و وا واحد واضاف واضافت واكد وان واها واوضح وراءك وفي وقال وقالت وقد وقف وكان وكانت ولا ولم ومن وهو وهي ويكان وي وشكان يكون يمكن يوم ايان'.split(
    ' ',
  );

const STOP_SET = new Set(ARABIC_STOP_WORDS);

const alt = (list: string): string => list.split(' ').join('|');
const PRE1 = new RegExp(`^(${alt('ف ك ب و س ل ن ا ي ت')})`);
const PRE2 = new RegExp(`^(${alt('ال لل')})`);
const PRE3 = new RegExp(`^(${alt('بال وال فال تال كال ولل')})`);
const PRE4 = new RegExp(`^(${alt('فبال كبال وبال وكال')})`);
const SUF1 = new RegExp(`(${alt('ه ك ت ن ا ي')})$`);
const SUF2 = new RegExp(
  `(${alt('نك نه ها وك يا اه ون ين تن تم نا وا ان كم كن ني نن ما هم هن تك ته ات يه')})$`,
);
const SUF3 = new RegExp(
  `(${alt('تين كهم نيه نهم ونه وها يهم ونا ونك وني وهم تكم تنا تها تني تهم كما كها ناه نكم هنا تان يها')})$`,
);
const SUF4 = new RegExp(`(${alt('كموه ناها ونني ونهم تكما تموه تكاه كماه ناكم ناهم نيها وننا')})$`);

class ArabicStemmer {
  private word = '';
  private result = false;
  private preRemoved = false;
  private sufRemoved = false;

  stem(input: string): string {
    this.word = input;
    this.result = false;
    this.preRemoved = false;
    this.sufRemoved = false;
    const steps: (() => boolean)[] = [
      () => this.cleanWord(),
      () => this.removeDiacritics(),
      () => this.cleanAlef(),
      () => this.removeStopWords(),
      () => this.normalizeHamzaAndAlef(),
      () => this.removeStartWaw(),
      () => this.removePre432(),
      () => this.removeEndTaa(),
      () => this.wordCheck(),
    ];
    for (let i = 0; i < steps.length && !this.result; i++) {
      this.result = (steps[i] as () => boolean)();
    }
    return this.word;
  }

  /** The original tests an always-empty variable here, so it never refuses a word. */
  private cleanWord(): boolean {
    this.word = this.word.replace(/\u0640/g, '');
    return false;
  }

  private removeDiacritics(): boolean {
    this.word = this.word.replace(/[\u064b-\u065b]/gi, '');
    return false;
  }

  /** Only the first alef variant is replaced, as in the original. */
  private cleanAlef(): boolean {
    this.word = this.word.replace(/[\u0622\u0623\u0625\u0671\u0649]/, '\u0627');
    return false;
  }

  private removeStopWords(): boolean {
    return STOP_SET.has(this.word);
  }

  private normalizeHamzaAndAlef(): boolean {
    this.word = this.word.replace('\u0624', '\u0621');
    this.word = this.word.replace('\u0626', '\u0621');
    this.word = this.word.replace(/([\u0627])\1+/gi, '\u0627');
    return false;
  }

  private removeEndTaa(): boolean {
    if (this.word.length > 2) {
      this.word = this.word.replace(/[\u0627]$/, '');
      this.word = this.word.replace('\u0629', '');
      return false;
    }
    return true;
  }

  private removeStartWaw(): boolean {
    if (this.word.length > 3 && this.word[0] === '\u0648' && this.word[1] === '\u0648') {
      this.word = this.word.slice(1);
    }
    return false;
  }

  private removePre432(): boolean {
    const word = this.word;
    if (this.word.length >= 7) this.word = this.word.replace(PRE4, '');
    if (this.word === word && this.word.length >= 6) this.word = this.word.replace(PRE3, '');
    if (this.word === word && this.word.length >= 5) this.word = this.word.replace(PRE2, '');
    if (word !== this.word) this.preRemoved = true;
    return false;
  }

  private patternCheck(patterns: Pattern[]): void {
    for (const pattern of patterns) {
      let matches = true;
      for (const p of pattern.pt) {
        const chars = p.c.split(',');
        if (!chars.some((ch) => this.word[p.l] === ch)) {
          matches = false;
          break;
        }
      }
      if (matches) {
        if (pattern.mPt) {
          const next: string[] = [];
          for (const m of pattern.mPt) {
            next[m.l] = m.m != null ? (this.word[m.m] as string) : m.c;
          }
          this.word = next.join('');
        }
        this.result = true;
        break;
      }
    }
  }

  private removePre1(): void {
    const word = this.word;
    if (!this.preRemoved && this.word.length > 3) this.word = this.word.replace(PRE1, '');
    if (word !== this.word) this.preRemoved = true;
  }

  private removeSuf1(): void {
    const word = this.word;
    if (!this.sufRemoved && this.word.length > 3) this.word = this.word.replace(SUF1, '');
    if (word !== this.word) this.sufRemoved = true;
  }

  private removeSuf432(): void {
    const word = this.word;
    if (this.word.length >= 6) this.word = this.word.replace(SUF4, '');
    if (this.word === word && this.word.length >= 5) this.word = this.word.replace(SUF3, '');
    if (this.word === word && this.word.length >= 4) this.word = this.word.replace(SUF2, '');
    if (word !== this.word) this.sufRemoved = true;
  }

  private wordCheck(): boolean {
    const word7 = [() => this.removeSuf432(), () => this.removeSuf1(), () => this.removePre1()];
    let counter = 0;
    let patternChecked = false;
    while (this.word.length >= 7 && !this.result && counter < word7.length) {
      if (this.word.length === 7 && !patternChecked) {
        this.patternCheck(PATTERNS.pt73);
        patternChecked = true;
      } else {
        (word7[counter] as () => void)();
        counter++;
        patternChecked = false;
      }
    }
    const runAll = (length: number, steps: (() => void)[]): void => {
      let i = 0;
      while (this.word.length === length && !this.result && i < steps.length) {
        (steps[i] as () => void)();
        i++;
      }
    };
    runAll(6, [
      () => this.patternCheck(PATTERNS.pt63),
      () => this.removeSuf432(),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.patternCheck(PATTERNS.pt64),
    ]);
    runAll(5, [
      () => this.patternCheck(PATTERNS.pt53),
      () => this.removeSuf432(),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.patternCheck(PATTERNS.pt54),
    ]);
    runAll(4, [
      () => this.patternCheck(PATTERNS.pt43),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.removeSuf432(),
    ]);
    return true;
  }
}

const stemmer = new ArabicStemmer();

export function stemArabic(word: string): string {
  return stemmer.stem(word);
}
