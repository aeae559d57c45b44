import type { SearchDoc } from './types';

/** A search document with every field empty but those given (for the engine's tests only). */
export function testDoc(id: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return {
    id,
    lang: 'en',
    title: '',
    body: '',
    narrator: '',
    place: '',
    tags: [],
    notes: '',
    attachmentText: '',
    consentStatus: 'given',
    consentScope: 'archive-only',
    date: null,
    hasAttachments: false,
    ...fields,
  };
}
