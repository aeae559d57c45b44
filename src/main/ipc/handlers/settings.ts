import type { HandlerContext, HandlerImpls } from '../context';

export function settingsHandlers({
  settings,
}: HandlerContext): HandlerImpls<'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
