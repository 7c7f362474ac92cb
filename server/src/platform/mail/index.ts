export { Mailer, escapeHtml, type MailLog, type MailMessage } from './mailer.ts';
