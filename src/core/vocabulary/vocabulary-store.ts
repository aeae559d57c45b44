import { VocabularyInvalidError } from '../../shared/errors';
import { type Concept, mergeVocabulary, validateVocabulary } from '../../shared/vocabulary/concept';
import { findConcept } from '../../shared/vocabulary/match';
import { associatedData } from '../crypto/associated-data';
import { openJson, sealJson } from '../records/codec';
import type { VaultScope } from '../storage/scope';
import { readVocabularyRow, writeVocabularyRow } from '../storage/tables/vocabulary';

/** What the one sealed row of the vocabulary table holds. */
interface VocabularyPayload {
  v: 1;
  concepts: Concept[];
}

/**
 * The vault's shared vocabulary (docs/vocabulary.md): the whole list of concepts sealed in one
 * row (docs/crypto.md, "The vocabulary"), so names are never in clear, the number of concepts
 * shows only through the padded size, and every change (an edit, an import) replaces the list
 * at once after checking the result as a whole.
 */
export class VocabularyStore {
  constructor(private readonly scope: VaultScope) {}

  list(): Concept[] {
    const sealed = readVocabularyRow(this.scope.db);
    if (!sealed) return [];
    return openJson<VocabularyPayload>(
      this.scope.keys.key('vocabulary'),
      sealed,
      this.#ad(),
      'the vocabulary',
    ).concepts;
  }

  /** The concept with this id, or the one concept with this name in any language. */
  find(idOrName: string): Concept {
    return findConcept(this.list(), idOrName);
  }

  /** Adds a concept, or replaces the one with its id; the whole list is checked first. */
  put(concept: unknown): Concept {
    const [checked] = validateVocabulary([concept]);
    const { concepts } = mergeVocabulary(this.list(), [checked!]);
    this.#write(concepts);
    return concepts.find((c) => c.id.toLowerCase() === checked!.id.toLowerCase())!;
  }

  remove(id: string): void {
    const concepts = this.list();
    const kept = concepts.filter((c) => c.id !== id);
    if (kept.length === concepts.length) throw new VocabularyInvalidError('notFound');
    this.#write(kept);
  }

  /**
   * Takes the concepts of an imported file: same ids replace, new ids are added, the rest stays.
   * Checked as a whole before anything is written.
   */
  merge(incoming: readonly Concept[]): { added: number; replaced: number; total: number } {
    const { concepts, added, replaced } = mergeVocabulary(this.list(), incoming);
    this.#write(concepts);
    return { added, replaced, total: concepts.length };
  }

  #write(concepts: Concept[]): void {
    const payload: VocabularyPayload = { v: 1, concepts };
    writeVocabularyRow(
      this.scope.db,
      sealJson(this.scope.keys.key('vocabulary'), payload, this.#ad()),
    );
  }

  #ad(): Uint8Array {
    return associatedData('tvault-vocabulary', this.scope.vaultId, 1);
  }
}
