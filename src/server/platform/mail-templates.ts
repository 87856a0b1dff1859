import type { Locale } from '../../shared/roles.ts';

// Emails in the recipient's language. Links carry their token in the fragment (#token=…), which
// browsers never send to a server, so it cannot land in an access log.
type Template = (v: Record<string, string>) => { subject: string; text: string };

const templates: Record<'invitation' | 'password_reset' | 'self_referral_received', Record<Locale, Template>> = {
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
  // To the person who asked through the public self-referral form: what happens next, and nothing of
  // what they wrote (the mailbox may be shared, and email is not a safe place for a need).
  self_referral_received: {
    en: (v) => ({
      subject: `We received your request: ${v.service}`,
      text: `Hello,\n\nThank you for asking for help with ${v.service} (${v.organization}). ${v.partnership} received your request.\n\nWhat happens next: a person on our team reads every request and will contact you by phone or email, in the language you chose. If the service is right for you, they will pass your request on to ${v.organization}, as you agreed on the form. You do not need to do anything now.\n\nIf you did not send this request, you can ignore this email.\n`,
    }),
    es: (v) => ({
      subject: `Recibimos su solicitud: ${v.service}`,
      text: `Hola:\n\nGracias por pedir ayuda con ${v.service} (${v.organization}). ${v.partnership} recibió su solicitud.\n\nQué sigue: una persona de nuestro equipo lee cada solicitud y se comunicará con usted por teléfono o correo electrónico, en el idioma que eligió. Si el servicio es adecuado para usted, enviará su solicitud a ${v.organization}, como usted autorizó en el formulario. No necesita hacer nada por ahora.\n\nSi usted no envió esta solicitud, puede ignorar este mensaje.\n`,
    }),
  },
};

export function renderMail(kind: keyof typeof templates, locale: Locale, vars: Record<string, string>) {
  return templates[kind][locale](vars);
}
