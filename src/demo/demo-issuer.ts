/** The demo issuer: a small LTI 1.3 platform built into the tool, so a newcomer can try Rollbook without a Moodle. */
export function demoIssuer(publicUrl: string): string {
  return `${publicUrl}/demo/platform`;
}
