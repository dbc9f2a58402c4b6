/**
 * Profile names from the AWS shared config and credentials files. Only section
 * names and a few non-secret keys (region, sso settings) are read; key values
 * from the credentials file are never kept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface AwsProfile {
  name: string;
  /** which files define it */
  sources: ('config' | 'credentials')[];
  region?: string;
  /** uses IAM Identity Center (sso_session or sso_start_url) */
  sso: boolean;
}

export interface ProfileFileOptions {
  env?: NodeJS.ProcessEnv;
  homedir?: string;
}

function home(opts: ProfileFileOptions): string {
  const env = opts.env ?? process.env;
  return opts.homedir ?? env.HOME ?? env.USERPROFILE ?? os.homedir();
}

export function configFilePath(opts: ProfileFileOptions = {}): string {
  const env = opts.env ?? process.env;
  return env.AWS_CONFIG_FILE || path.join(home(opts), '.aws', 'config');
}

export function credentialsFilePath(opts: ProfileFileOptions = {}): string {
  const env = opts.env ?? process.env;
  return env.AWS_SHARED_CREDENTIALS_FILE || path.join(home(opts), '.aws', 'credentials');
}

/** Sections of an INI text → key/value maps (keys lower-cased; values of secret keys dropped). */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (sec) {
      const name = sec[1].replace(/\s+/g, ' ');
      cur = out.get(name) ?? new Map();
      out.set(name, cur);
      continue;
    }
    if (!cur || /^\s/.test(rawLine)) continue; // nested (indented) sub-settings are not needed
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    if (/secret|session_token|access_key/.test(key)) {
      cur.set(key, '');
      continue;
    }
    cur.set(key, line.slice(eq + 1).trim());
  }
  return out;
}

function readIfExists(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** Profiles defined in the shared config (`[default]`, `[profile x]`) and credentials (`[x]`) files, sorted, `default` first. */
export function listProfiles(opts: ProfileFileOptions = {}): AwsProfile[] {
  const byName = new Map<string, AwsProfile>();
  const get = (name: string): AwsProfile => {
    let p = byName.get(name);
    if (!p) {
      p = { name, sources: [], sso: false };
      byName.set(name, p);
    }
    return p;
  };
  const config = readIfExists(configFilePath(opts));
  if (config !== undefined) {
    for (const [section, values] of parseIni(config)) {
      let name: string | undefined;
      if (section === 'default') name = 'default';
      else if (section.startsWith('profile ')) name = section.slice('profile '.length).trim();
      if (!name) continue; // sso-session, services, plugins …
      const p = get(name);
      if (!p.sources.includes('config')) p.sources.push('config');
      if (values.get('region')) p.region = values.get('region');
      if (values.has('sso_session') || values.has('sso_start_url')) p.sso = true;
    }
  }
  const creds = readIfExists(credentialsFilePath(opts));
  if (creds !== undefined) {
    for (const section of parseIni(creds).keys()) {
      const name = section.startsWith('profile ') ? section.slice('profile '.length).trim() : section;
      const p = get(name);
      if (!p.sources.includes('credentials')) p.sources.push('credentials');
    }
  }
  return Array.from(byName.values()).sort((a, b) =>
    a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
  );
}

/** Whether a profile uses SSO (for the "run aws sso login" hint). */
export function isSsoProfile(name: string | undefined, opts: ProfileFileOptions = {}): boolean {
  if (!name) return false;
  return listProfiles(opts).some((p) => p.name === name && p.sso);
}
