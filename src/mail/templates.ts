/**
 * Every e-mail Saknad sends. By design they carry no personal data: no pupil, no
 * case content, not even the recipient's name — only that something waits, and a link.
 */
export interface MailTemplates {
  setPassword: { link: string; hours: number };
  test: { note: string };
  roundOpened: { roundName: string; link: string };
}

export type TemplateName = keyof MailTemplates;

export function renderMail<T extends TemplateName>(
  name: T,
  data: MailTemplates[T],
  baseUrl: string,
): { subject: string; text: string } {
  const footer = '\n\n— \nDet här meddelandet skickades automatiskt av Saknad. Svara inte på det.';
  switch (name) {
    case 'setPassword': {
      const d = data as MailTemplates['setPassword'];
      return {
        subject: 'Välj lösenord för Saknad',
        text:
          `Du har fått ett konto i Saknad, kommunens stöd för att hitta elever som inte kommit tillbaka till skolan.\n\n` +
          `Välj ditt lösenord här (länken gäller i ${d.hours} timmar och kan bara användas en gång):\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'roundOpened': {
      const d = data as MailTemplates['roundOpened'];
      return {
        subject: `Ny kartläggning i Saknad: ${d.roundName}`,
        text:
          `Utbildningskontoret har öppnat kartläggningen ”${d.roundName}” i Saknad.\n\n` +
          `Logga in, läs in skolans närvaro för de första skoldagarna efter lovet och bekräfta skolans rapport:\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'test': {
      const d = data as MailTemplates['test'];
      return { subject: 'Provmeddelande från Saknad', text: `${d.note}${footer}` };
    }
    default:
      throw new Error(`unknown mail template ${String(name)}`);
  }
}
