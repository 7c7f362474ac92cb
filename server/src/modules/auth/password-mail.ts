import { escapeHtml, type MailMessage } from '../../platform/mail/index.ts';
import type { MailablePerson, PasswordTokenKind } from './password-token.repository.ts';

const WORDING: Record<PasswordTokenKind, { subject: string; intro: string; action: string; validity: string; outro: string }> = {
  reset: {
    subject: 'Reset your Rushes password',
    intro: 'Someone (probably you) asked to reset the password of your Rushes account.',
    action: 'Choose a new password',
    validity: 'This link works once, for 2 hours.',
    outro: 'If you did not ask for it, ignore this mail: your password stays as it is.',
  },
  invitation: {
    subject: 'You are invited to Rushes',
    intro: 'An administrator invited you to follow your productions on Rushes.',
    action: 'Set your password',
    validity: 'This link works once, for 7 days. Then log in with your email and this password.',
    outro: 'If you did not expect this invitation, ignore this mail.',
  },
};

/** The mail carrying a reset or invitation link: plain text, and the same words in simple HTML. */
export function passwordLinkMail(kind: PasswordTokenKind, person: MailablePerson, link: string): MailMessage {
  const words = WORDING[kind];
  const greeting = `Hello ${person.first_name || person.full_name},`;
  const text = [greeting, '', words.intro, '', `${words.action}: ${link}`, '', words.validity, words.outro, ''].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(words.intro)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(words.action)}</a></p>`,
    `<p>${escapeHtml(words.validity)}<br>${escapeHtml(words.outro)}</p>`,
  ].join('\n');
  return { to: person.email, subject: words.subject, text, html };
}
