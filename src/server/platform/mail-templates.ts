import type { Locale } from '../../shared/roles.ts';

// Emails in the recipient's language. Links carry their token in the fragment (#token=…), which
// browsers never send to a server, so it cannot land in an access log.
type Template = (v: Record<string, string>) => { subject: string; text: string };

const templates: Record<'invitation' | 'password_reset', Record<Locale, Template>> = {
  invitation: {
    en: (v) => ({
      subject: `You're invited to ${v.tenant} on Braid`,
      text: `Hello ${v.name},\n\n${v.inviter} invited you to join ${v.tenant} on Braid.\n\nChoose your password here (the link works once and expires in ${v.days} days):\n${v.link}\n\nIf you did not expect this, you can ignore this email.\n`,
    }),
    es: (v) => ({
      subject: `Invitación a ${v.tenant} en Braid`,
      text: `Hola ${v.name}:\n\n${v.inviter} le invitó a unirse a ${v.tenant} en Braid.\n\nElija su contraseña aquí (el enlace funciona una vez y vence en ${v.days} días):\n${v.link}\n\nSi no esperaba este mensaje, puede ignorarlo.\n`,
    }),
  },
  password_reset: {
    en: (v) => ({
      subject: 'Reset your Braid password',
      text: `Hello ${v.name},\n\nSomeone (hopefully you) asked to reset your Braid password. Choose a new one here; the link works once and expires in ${v.minutes} minutes:\n${v.link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
    }),
    es: (v) => ({
      subject: 'Restablezca su contraseña de Braid',
      text: `Hola ${v.name}:\n\nAlguien (esperamos que usted) pidió restablecer su contraseña de Braid. Elija una nueva aquí; el enlace funciona una vez y vence en ${v.minutes} minutos:\n${v.link}\n\nSi no lo pidió, ignore este mensaje: su contraseña no cambia.\n`,
    }),
  },
};

export function renderMail(kind: keyof typeof templates, locale: Locale, vars: Record<string, string>) {
  return templates[kind][locale](vars);
}
