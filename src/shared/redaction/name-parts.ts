import { foldWord, words } from '../search/text';

/**
 * The parts of a narrator's name that are redacted on their own: "ليلى حسن" is also redacted
 * where the text says only "ليلى". Particles that join a name's parts ("de la", "bin", "al-")
 * are common words of their languages and identify nobody alone, so they are not parts (they
 * are still redacted inside the full name); nor is a single letter (an initial).
 */
const PARTICLES = new Set(
  [
    // Romance, Germanic and Portuguese particles
    'de del della di da das do dos du des la las le les lo los y e et and van von der den ter zu',
    // Arabic names written in Latin letters
    'al el ul bin ben bint ibn abu abou bou ould ait',
    // Arabic script (hamza carriers fold to a plain alef)
    'ال بن بنت ابن أبو أبي ولد آيت',
  ]
    .join(' ')
    .split(' ')
    .map(foldWord),
);

/** The name parts of `name` as written (deduplicated by their folded form). */
export function nameParts(name: string): string[] {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const word of words(name)) {
    const folded = foldWord(word.text);
    if ([...folded].length < 2 || PARTICLES.has(folded) || seen.has(folded)) continue;
    seen.add(folded);
    parts.push(word.text);
  }
  return parts;
}

/** One key for the spellings of the same name ("Leïla  Hassan", "LEILA HASSAN"). */
export function nameKey(name: string): string {
  return words(name)
    .map((w) => foldWord(w.text))
    .filter(Boolean)
    .join(' ');
}
