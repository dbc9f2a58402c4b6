import { defineRule } from '../rule';
import { cap } from './_util';

export default defineRule({
  slug: 'tcp-health-check',
  title: 'App Runner service checks health over TCP only',
  severity: 'info',
  strict: 'A TCP health check is a reliability concern, not a security one.',
  description:
    'App Runner\'s default health check only opens a TCP connection to the port: an instance whose web server accepts connections but fails every request ' +
    '(a broken dependency, a crashed worker) stays in service. App Runner services serve HTTP, so an HTTP check against a health path is available.',
  remediation: 'Set `HealthCheckConfiguration: { Protocol: HTTP, Path: /health }` with a path that checks what the service needs.',
  fix: 'unsafe',
  reads: ['webServices'],
  per: { tf: { remediation: 'Set `health_check_configuration { protocol = "HTTP", path = "/health" }` with a path that checks what the service needs.' }, cdk: { fix: undefined, remediation: 'Use `apprunner.HealthCheck.http({ path: \'/health\' })` (alpha `Service`) or `healthCheckConfiguration: { protocol: \'HTTP\', path: \'/health\' }` (`CfnService`).' } },
  check({ webServices }, { report }) {
    for (const s of webServices) {
      const p = s.healthProtocol;
      if (p === 'unknown') continue;
      if (p !== 'missing' && !(p.known && p.value!.toUpperCase() === 'TCP')) continue;
      const fix = s.writer.httpHealthCheck?.();
      report({ span: p === 'missing' ? s.anchor : p.span, message: `${cap(s.label)} checks health over TCP${p === 'missing' ? ' (the default)' : ''}: a server that fails every request still passes.`, fixes: fix ? [fix] : [] });
    }
  },
});
