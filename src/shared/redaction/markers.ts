import { baseLanguage } from '../search/languages';

/**
 * The words an exported copy uses in place of what was redacted, in the testimony's own
 * language: an Arabic testimony reads "[محذوف]", not "[redacted]". The pseudonyms avoid a
 * gendered noun where the language allows it (Spanish "Testigo", French "Témoin"; Arabic writes
 * both forms). A language not in the table falls back to English.
 */
export interface RedactionMarkers {
  /** Replaces a passage marked as identifying. */
  redacted: string;
  /** The n-th narrator of a bundle (n counts from 1). */
  narrator: (n: number) => string;
}

const MARKERS: Record<string, RedactionMarkers> = {
  en: { redacted: '[redacted]', narrator: (n) => `Narrator ${n}` },
  ar: { redacted: '[محذوف]', narrator: (n) => `الراوي/ة ${n}` },
  es: { redacted: '[suprimido]', narrator: (n) => `Testigo ${n}` },
  fr: { redacted: '[masqué]', narrator: (n) => `Témoin ${n}` },
};

/** The markers for a testimony written in `lang` (a BCP-47 tag, possibly empty). */
export function redactionMarkers(lang: string): RedactionMarkers {
  return MARKERS[baseLanguage(lang)] ?? MARKERS.en!;
}
