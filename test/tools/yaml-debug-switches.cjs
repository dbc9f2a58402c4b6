/**
 * The `yaml` parser reads `process.env.LOG_TOKENS` once per token (a
 * debugging switch of the library). Every `process.env` read is a call into
 * the runtime's environment table, and on Kubernetes manifests that one check
 * was a quarter of the whole parse (120-line Deployment: 2.15 ms against
 * 1.6 ms a parse). The bundles read the switch as off (test/tools/build.mjs);
 * the bench's parse floor does the same when `yaml` loads
 * (test/bench/floor.ts). Nothing else changes.
 */
/** the library's files that read the switches */
exports.YAML_DEBUG_FILES = /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/;
/** the reads, as the library's compiled code spells them */
exports.YAML_DEBUG_SWITCHES = /\bnode_process\.env\.(LOG_TOKENS|LOG_STREAM)\b/g;
