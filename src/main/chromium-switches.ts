/**
 * Chromium features the app turns on per platform, before `app` is ready (switches given later
 * are ignored).
 *
 * Linux: global shortcuts under Wayland go through the XDG GlobalShortcuts portal, which
 * Chromium uses only with this feature; without it the panic shortcut silently does nothing on a
 * Wayland desktop (Electron runs natively on Wayland since 38). The desktop asks the person once
 * to allow the shortcut. On X11 the feature changes nothing.
 */
export function enabledFeatures(platform: NodeJS.Platform): string[] {
  return platform === 'linux' ? ['GlobalShortcutsPortal'] : [];
}

export function applyChromiumSwitches(
  commandLine: { appendSwitch(name: string, value?: string): void },
  platform: NodeJS.Platform,
): void {
  const features = enabledFeatures(platform);
  if (features.length > 0) commandLine.appendSwitch('enable-features', features.join(','));
}
