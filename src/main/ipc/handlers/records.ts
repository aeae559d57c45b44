import type { HandlerContext, HandlerImpls } from '../context';

type RecordChannels =
  | 'records.list'
  | 'records.get'
  | 'records.add'
  | 'records.update'
  | 'records.history'
  | 'records.restore'
  | 'records.delete';

/** Thin: each channel is one call of the core, like the CLI's record commands. */
export function recordHandlers({ session }: HandlerContext): HandlerImpls<RecordChannels> {
  return {
    'records.list': () => session.require().records.list(),
    // Shown in full to a person: the custody log notes it.
    'records.get': ({ id, revision }) => session.require().openRecord(id, revision),
    'records.add': ({ fields }) => session.require().addRecord(fields),
    'records.update': ({ id, patch }) => session.require().updateRecord(id, patch),
    'records.history': ({ id }) => session.require().records.revisions(id),
    'records.restore': ({ id, revision }) => session.require().restoreRevision(id, revision),
    'records.delete': ({ id }) => {
      session.require().deleteRecord(id);
      return null;
    },
  };
}
