import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Concept } from '../../../shared/vocabulary/concept';
import { foldedNames } from '../../../shared/vocabulary/match';
import { call } from '../api/client';
import { keys } from './keys';

/** The vault's shared vocabulary (docs/vocabulary.md), every concept in the order kept. */
export function useVocabulary() {
  return useQuery({ queryKey: keys.vocabulary, queryFn: () => call('vocabulary.list', {}) });
}

/** A change to the vocabulary (save, remove, import); the list is read again after it. */
function useVocabularyAction<T, R>(action: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => client.invalidateQueries({ queryKey: keys.vocabulary }),
  });
}

export const useSaveConcept = () =>
  useVocabularyAction((request: { concept: Concept; isNew: boolean }) =>
    call('vocabulary.save', request),
  );

export const useRemoveConcept = () =>
  useVocabularyAction((id: string) => call('vocabulary.remove', { id }));

/** Opens main's file dialog and merges the chosen file; null when the person cancelled. */
export const useImportVocabulary = () => useVocabularyAction(() => call('vocabulary.import', {}));

export function useExportVocabulary() {
  return useMutation({
    mutationFn: (format: 'json' | 'csv') => call('vocabulary.export', { format }),
  });
}

/**
 * The folded names of the concept with this id (what a tag must fold to, to belong to it), or
 * null when no concept is chosen or it is no longer in the vocabulary.
 */
export function useConceptNames(conceptId: string): ReadonlySet<string> | null {
  const vocabulary = useVocabulary();
  return useMemo(() => {
    const concept = conceptId ? vocabulary.data?.find((c) => c.id === conceptId) : undefined;
    return concept ? foldedNames(concept) : null;
  }, [vocabulary.data, conceptId]);
}
