import PDFDocument from 'pdfkit';
import { formatDateTime } from '../i18n';
import type { ReferralView } from './referral-service';

export const EMERGENCY_STEPS = (onCallPhone: string): string[] => [
  `Ring socialjouren nu: ${onCallPhone}.`,
  'Vid akut fara för barnet: ring polisen på 112.',
  'Socialtjänsten kan ansöka om utreseförbud enligt LVU (lagen med särskilda bestämmelser om vård av unga) om barnet riskerar att föras utomlands.',
  'Kontakta inte vårdnadshavare om det kan utsätta barnet för fara.',
];

// DejaVu Sans (Bitstream Vera licence: free to embed and redistribute) has Latin with
// every diacritic, Cyrillic, Greek, Arabic and Hebrew. pdfkit's standard fonts only know
// Windows-1252, and a pupil's name must never come out garbled or blank in a referral.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const RTL = '\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF';
const RTL_RUN = new RegExp(`([${RTL}](?:[${RTL} ]*[${RTL}])?)`);

/**
 * Text split into its right-to-left runs (Arabic, Hebrew: a name) and the rest, each
 * run with no-break spaces inside. pdfkit lays a line out in pieces that end at each
 * space and fontkit mirrors each right-to-left piece on its own, so "عائشة يلماز (…"
 * written in one go would come out with its words in left-to-right order and the space
 * on the wrong side. Written as separate pieces, each run is shaped and ordered whole.
 */
export function splitRtlRuns(text: string): string[] {
  return text
    .split(RTL_RUN)
    .map((part, i) => (i % 2 === 1 ? part.replace(/ /g, '\u00A0') : part))
    .filter((part) => part !== '');
}

/** Writes text that users wrote (names, free text) as one paragraph, right-to-left runs whole. */
function write(doc: PDFKit.PDFDocument, text: string): void {
  const parts = splitRtlRuns(text);
  if (!parts.length) parts.push('');
  parts.forEach((part, i) => doc.text(part, { continued: i < parts.length - 1 }));
}

/**
 * The referral as a PDF (A4, an embedded Unicode font, uncompressed so its text can be
 * checked). It renders the view it is given: a protected pupil's identity is in it only
 * when the caller revealed it (an audited action).
 */
export function referralPdf(r: ReferralView, municipality: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Orosanmälan ${r.id}`, Author: municipality } });
  doc.registerFont('Body', FONT);
  doc.registerFont('Bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Bold').fontSize(18).text('Orosanmälan');
  write(doc.font('Body').fontSize(10), `${municipality} – anmälan enligt 14 kap. 1 § socialtjänstlagen`);
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
  for (const [k, v] of meta) {
    doc.font('Bold').text(`${k}: `, { continued: true }).font('Body');
    write(doc, v);
  }
  if (r.urgency === 'acute') {
    doc.moveDown().font('Bold').fontSize(12).text('Akut – gör detta först');
    doc.font('Body').fontSize(10);
    for (const s of EMERGENCY_STEPS(r.unit.onCallPhone)) doc.text(`• ${s}`);
  }
  doc.moveDown();
  for (const f of r.fields) {
    doc.font('Bold').fontSize(10).text(f.label);
    write(doc.font('Body'), f.value || '–');
    doc.moveDown(0.4);
  }
  doc.moveDown().font('Bold').text('Kommunens rutin');
  write(doc.font('Body'), r.routineText);
  doc.end();
  return done;
}
