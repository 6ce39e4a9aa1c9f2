import PDFDocument from 'pdfkit';
import { formatDateTime } from '../i18n';
import type { ReferralView } from './referral-service';

export const EMERGENCY_STEPS = (onCallPhone: string): string[] => [
  `Ring socialjouren nu: ${onCallPhone}.`,
  'Vid akut fara för barnet: ring polisen på 112.',
  'Socialtjänsten kan ansöka om utreseförbud enligt LVU (lagen med särskilda bestämmelser om vård av unga) om barnet riskerar att föras utomlands.',
  'Kontakta inte vårdnadshavare om det kan utsätta barnet för fara.',
];

/**
 * The referral as a PDF (A4, standard fonts, uncompressed so its text can be checked).
 * It renders the view it is given: a protected pupil's identity is in it only when the
 * caller revealed it (an audited action).
 */
export function referralPdf(r: ReferralView, municipality: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Orosanmälan ${r.id}`, Author: municipality } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(18).text('Orosanmälan');
  doc.font('Helvetica').fontSize(10).text(`${municipality} – anmälan enligt 14 kap. 1 § socialtjänstlagen`);
  doc.moveDown();
  const meta: [string, string][] = [
    ['Anmälan nr', String(r.id)],
    ['Mottagare', r.unit.name],
    ['Skickad', r.sentAt ? formatDateTime(r.sentAt) : 'Inte skickad (utkast)'],
    ['Skickad av', r.sentBy ?? ''],
    ['Brådskande', r.urgencyName],
    ['Kartläggning', r.round],
  ];
  if (r.reference) meta.push(['Mottagen', `${formatDateTime(r.acknowledgedAt)}, diarienummer ${r.reference}`]);
  for (const [k, v] of meta) doc.font('Helvetica-Bold').text(`${k}: `, { continued: true }).font('Helvetica').text(v);
  if (r.urgency === 'acute') {
    doc.moveDown().font('Helvetica-Bold').fontSize(12).text('Akut – gör detta först');
    doc.font('Helvetica').fontSize(10);
    for (const s of EMERGENCY_STEPS(r.unit.onCallPhone)) doc.text(`• ${s}`);
  }
  doc.moveDown();
  for (const f of r.fields) {
    doc.font('Helvetica-Bold').fontSize(10).text(f.label);
    doc.font('Helvetica').text(f.value || '–');
    doc.moveDown(0.4);
  }
  doc.moveDown().font('Helvetica-Bold').text('Kommunens rutin');
  doc.font('Helvetica').text(r.routineText);
  doc.end();
  return done;
}
