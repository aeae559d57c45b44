import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * One Syncthing instance for the team integration test (docs/team.md, "Setting up Syncthing for
 * a team folder"): its own home folder, loopback addresses only, no discovery, relays, NAT,
 * upgrades, usage or crash reporting; the REST API on 127.0.0.1 with a random key.
 */
export const SYNCTHING = process.env['TVAULT_SYNCTHING'] ?? 'syncthing';
export const FOLDER_ID = 'tvault-team';

export function syncthingAvailable(): boolean {
  try {
    execFileSync(SYNCTHING, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class SyncthingInstance {
  readonly apiKey = randomBytes(18).toString('base64url');
  #child: ChildProcess | null = null;

  private constructor(
    readonly name: string,
    readonly home: string,
    readonly folder: string,
    readonly deviceId: string,
    readonly guiPort: number,
    readonly listenPort: number,
  ) {}

  /** `syncthing generate`: a key, a certificate and so a device id, in `home`. */
  static async create(name: string, root: string): Promise<SyncthingInstance> {
    const home = join(root, `${name}-home`);
    const folder = join(root, `${name}-team-folder`);
    mkdirSync(folder, { recursive: true });
    const run = spawnSync(SYNCTHING, ['generate', `--home=${home}`, '--no-default-folder'], {
      encoding: 'utf8',
    });
    // The device id line goes to one stream or the other depending on the version.
    const out = `${run.stdout}\n${run.stderr}`;
    const deviceId = /Device ID: ([A-Z0-9-]+)/.exec(out)?.[1];
    if (!deviceId) throw new Error(`syncthing generate printed no device id: ${out}`);
    return new SyncthingInstance(name, home, folder, deviceId, await freePort(), await freePort());
  }

  /**
   * Replaces the generated config.xml: one folder shared with `peers` (reached at their
   * loopback listen addresses), the GUI/REST API on 127.0.0.1, everything that would leave
   * the machine off. Missing settings take Syncthing's defaults.
   */
  configure(peers: SyncthingInstance[]): void {
    const devices = [this, ...peers];
    const config = `<configuration version="36">
    <folder id="${FOLDER_ID}" label="Team" path="${xml(this.folder)}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
${devices.map((d) => `        <device id="${d.deviceId}" introducedBy=""></device>`).join('\n')}
        <minDiskFree unit="%">0</minDiskFree>
        <markerName>.stfolder</markerName>
    </folder>
${devices
  .map(
    (
      d,
    ) => `    <device id="${d.deviceId}" name="${d.name}" compression="metadata" introducer="false">
        <address>${d === this ? 'dynamic' : `tcp://127.0.0.1:${d.listenPort}`}</address>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`,
  )
  .join('\n')}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${this.guiPort}</address>
        <apikey>${this.apiKey}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${this.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`;
    writeFileSync(join(this.home, 'config.xml'), config, { mode: 0o600 });
  }

  /** Starts `syncthing serve` and waits until its REST API answers. */
  async start(): Promise<void> {
    this.#child = spawn(
      SYNCTHING,
      [
        'serve',
        `--home=${this.home}`,
        '--no-browser',
        '--no-restart',
        '--no-upgrade',
        `--logfile=${join(this.home, 'syncthing.log')}`,
      ],
      { stdio: 'ignore', env: { ...process.env, STNODEFAULTFOLDER: '1', STNOUPGRADE: '1' } },
    );
    await waitFor(`${this.name}'s REST API`, 30_000, async () => {
      try {
        return (await this.get<{ ping: string }>('/rest/system/ping')).ping === 'pong';
      } catch {
        return false;
      }
    });
  }

  /** Asks it to shut down; kills it if it has not gone within 10 seconds. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await this.request('POST', '/rest/system/shutdown').catch(() => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.#child = null;
  }

  async request(method: string, path: string): Promise<Response> {
    const response = await fetch(`http://127.0.0.1:${this.guiPort}${path}`, {
      method,
      headers: { 'X-API-Key': this.apiKey },
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.request('GET', path)).json()) as T;
  }

  /** Rescans the team folder now (the watcher would, a second later). */
  async scan(): Promise<void> {
    await this.request('POST', `/rest/db/scan?folder=${FOLDER_ID}`);
  }

  /** How far `peer` has what this instance has of the team folder (REST /rest/db/completion). */
  async completionFor(peer: SyncthingInstance): Promise<{ completion: number; needBytes: number }> {
    return this.get(`/rest/db/completion?folder=${FOLDER_ID}&device=${peer.deviceId}`);
  }

  /** Whether it is connected to `peer` (REST /rest/system/connections). */
  async connectedTo(peer: SyncthingInstance): Promise<boolean> {
    const { connections } = await this.get<{
      connections: Record<string, { connected: boolean }>;
    }>('/rest/system/connections');
    return connections[peer.deviceId]?.connected === true;
  }
}

export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
