/**
 * Every e-mail Saknad sends. By design they carry no personal data: no pupil, no
 * case content, not even the recipient's name — only that something waits, and a link.
 */
import { plural } from '../i18n';

export interface MailTemplates {
  setPassword: { link: string; hours: number };
  /** To the account holder only: their account was locked after failed logins (`until` already formatted). */
  accountLocked: { until: string };
  test: { note: string };
  roundOpened: { roundName: string; link: string };
  /** To a school's principals: the report is not confirmed; `days` before or after the deadline. */
  reminder: { roundName: string; link: string; when: 'before' | 'after'; days: number };
  /** To the coordinators: a school confirmed its report (which school is seen after login). */
  schoolConfirmed: { roundName: string; link: string };
  /** To a school's principals: the school's confirmation was undone (new file or changed flags); which pupils is seen after login. */
  confirmationReset: { roundName: string; link: string };
  /** To a social services unit's inbox: a report of concern waits (never its content). */
  referralWaiting: { link: string; acute: boolean };
  /** To the unit's inbox: a referral is still not confirmed after the set working days. */
  referralReminder: { link: string; days: number };
  /** To the coordinator who sent it: social services confirmed receipt. */
  referralAcknowledged: { link: string };
  /** To a school's principals and the coordinators: news on cases (never which pupil, nor what). */
  caseAttention: { link: string; count: number };
}

export type TemplateName = keyof MailTemplates;

export function renderMail<T extends TemplateName>(name: T, data: MailTemplates[T], baseUrl: string): { subject: string; text: string } {
  const footer = '\n\n— \nDet här meddelandet skickades automatiskt av Saknad. Svara inte på det.';
  switch (name) {
    case 'accountLocked': {
      const d = data as MailTemplates['accountLocked'];
      return {
        subject: 'Ditt konto i Saknad är tillfälligt låst',
        text:
          `Någon har skrivit fel lösenord för ditt konto i Saknad för många gånger, så kontot är låst till ${d.until}.\n\n` +
          `Från en webbläsare där du har loggat in förut kan du ändå logga in som vanligt. ` +
          `Var det inte du som försökte, eller behöver du komma in nu från en annan dator, kontakta utbildningskontoret: ` +
          `de kan låsa upp kontot.` +
          footer,
      };
    }
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
    case 'confirmationReset': {
      const d = data as MailTemplates['confirmationReset'];
      return {
        subject: `Bekräfta skolans rapport igen – ${d.roundName}`,
        text:
          `Skolans bekräftade rapport i kartläggningen ”${d.roundName}” har återställts, eftersom uppgifterna i Saknad har ändrats ` +
          `(en ny fil har lästs in eller skolans flaggade elever har ändrats).\n\n` +
          `Logga in, se vad som ändrats och bekräfta skolans rapport igen:\n${baseUrl}${d.link}` +
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
    case 'reminder': {
      const d = data as MailTemplates['reminder'];
      const days = (n: number) => plural(n, 'dag', 'dagar');
      const when =
        d.when === 'after'
          ? `Sista dagen för skolans rapport passerade för ${days(d.days)} sedan, och rapporten är inte bekräftad än.`
          : d.days === 0
            ? 'Sista dagen för skolans rapport är i dag, och rapporten är inte bekräftad än.'
            : `Sista dagen för skolans rapport är om ${days(d.days)}, och rapporten är inte bekräftad än.`;
      return {
        subject: d.when === 'after' ? `Påminnelse: skolans rapport är försenad – ${d.roundName}` : `Påminnelse: skolans rapport – ${d.roundName}`,
        text:
          `Påminnelse om kartläggningen ”${d.roundName}” i Saknad.\n\n${when}\n\n` +
          `Logga in, läs in skolans närvaro, följ upp de flaggade eleverna och bekräfta skolans rapport:\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'schoolConfirmed': {
      const d = data as MailTemplates['schoolConfirmed'];
      return {
        subject: `En skola har bekräftat sin rapport – ${d.roundName}`,
        text:
          `En skola har bekräftat sin rapport i kartläggningen ”${d.roundName}” i Saknad.\n\n` +
          `Logga in för att se vilka skolor som har rapporterat och vilka elever som väntar på granskning:\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'referralWaiting': {
      const d = data as MailTemplates['referralWaiting'];
      return {
        subject: d.acute ? 'AKUT: en orosanmälan väntar i Saknad' : 'En orosanmälan väntar i Saknad',
        text:
          `En orosanmälan har skickats till er enhet och väntar i Saknad.${d.acute ? ' Den är markerad som akut.' : ''}\n\n` +
          `Logga in för att läsa den och bekräfta att ni har tagit emot den:\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'referralReminder': {
      const d = data as MailTemplates['referralReminder'];
      return {
        subject: 'Påminnelse: en orosanmälan är inte bekräftad i Saknad',
        text:
          `En orosanmälan till er enhet har väntat i mer än ${d.days} arbetsdagar utan att mottagandet har bekräftats.\n\n` +
          `Logga in för att läsa den och bekräfta mottagandet:\n${baseUrl}${d.link}` +
          footer,
      };
    }
    case 'referralAcknowledged': {
      const d = data as MailTemplates['referralAcknowledged'];
      return {
        subject: 'Socialtjänsten har bekräftat en orosanmälan i Saknad',
        text:
          `Socialtjänsten har bekräftat att de har tagit emot en orosanmälan som du skickade.\n\nLogga in för att se ärendet:\n${baseUrl}${d.link}` + footer,
      };
    }
    case 'caseAttention': {
      const d = data as MailTemplates['caseAttention'];
      const what = d.count === 1 ? 'ett ärende' : `${d.count} ärenden`;
      return {
        subject: d.count === 1 ? 'Ett ärende i Saknad behöver uppmärksamhet' : `${d.count} ärenden i Saknad behöver uppmärksamhet`,
        text:
          `Det finns nya uppgifter om ${what} i Saknad. Ingenting ändras i ärendet av sig självt: en person behöver ta ställning.\n\n` +
          `Logga in för att se vad det gäller:\n${baseUrl}${d.link}` +
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
