import { searchOf } from '../../wiring';
import type { HandlerContext, HandlerImpls } from '../context';

export function searchHandlers({
  session,
}: HandlerContext): HandlerImpls<'search.segments' | 'search.snippets' | 'search.verifyPhrases'> {
  return {
    // The decrypted segments go to the renderer's worker once per unlock; they are never
    // written anywhere on the renderer side.
    'search.segments': () => ({ segments: searchOf(session.require()).segments() }),
    'search.snippets': ({ ids, query }) => searchOf(session.require()).snippets(ids, query),
    'search.verifyPhrases': ({ ids, query }) =>
      searchOf(session.require()).verifyPhrases(ids, query),
  };
}
