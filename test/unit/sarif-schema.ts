/**
 * Validation of SARIF logs against the SARIF 2.1.0 JSON schema (the rtm.5
 * edition that GitHub code scanning validates uploads with), shipped in
 * @microsoft/jest-sarif; draft-04, hence ajv-draft-04.
 */
import Ajv from 'ajv-draft-04';
import * as path from 'path';

const SCHEMA = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
let validate: ((log: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } | undefined;

/** Every way `log` breaks the schema, as `path: message`; empty when it is valid. */
export function sarifProblems(log: unknown): string[] {
  if (!validate) {
    // the schema's language pattern has a stray ']' that only non-Unicode regular expressions accept
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    validate = ajv.compile(require(SCHEMA));
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}
