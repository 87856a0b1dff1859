import { listed, type Mail, type Messages, type Urgency } from './messages.en.ts';

// Every email Braid sends, in Spanish: the same keys and variables as messages.en.ts (the type holds
// tsc to it; messages.test.ts checks it at run time). Usted throughout, as the web app's Spanish does.

const urgencia: Record<Urgency, string> = { routine: 'de rutina', soon: 'pronta', urgent: 'urgente' };

export const es: Messages = {
  invitation: (v): Mail => ({
    subject: `Invitación a ${v.tenant} en Braid`,
    text: `Hola ${v.name}:\n\n${v.inviter} le invitó a unirse a ${v.tenant} en Braid.\n\nElija su contraseña aquí (el enlace funciona una vez y vence en ${v.days} días):\n${v.link}\n\nSi no esperaba este mensaje, puede ignorarlo.\n`,
  }),

  password_reset: (v): Mail => ({
    subject: 'Restablezca su contraseña de Braid',
    text: `Hola ${v.name}:\n\nAlguien (esperamos que usted) pidió restablecer su contraseña de Braid. Elija una nueva aquí; el enlace funciona una vez y vence en ${v.minutes} minutos:\n${v.link}\n\nSi no lo pidió, ignore este mensaje: su contraseña no cambia.\n`,
  }),

  self_referral_received: (v): Mail => ({
    subject: `Recibimos su solicitud: ${v.service}`,
    text: `Hola:\n\nGracias por pedir ayuda con ${v.service} (${v.organization}). ${v.partnership} recibió su solicitud.\n\nQué sigue: una persona de nuestro equipo lee cada solicitud y se comunicará con usted por teléfono o correo electrónico, en el idioma que eligió. Si el servicio es adecuado para usted, enviará su solicitud a ${v.organization}, como usted autorizó en el formulario. No necesita hacer nada por ahora.\n\nSi usted no envió esta solicitud, puede ignorar este mensaje.\n`,
  }),

  self_referral_review: (v): Mail => ({
    subject: v.waiting > 1 ? `${v.waiting} solicitudes de autorremisión por revisar` : `Nueva solicitud de autorremisión: ${v.service}`,
    text:
      `Llegó una nueva solicitud para ${v.service} (${v.organization}) por el formulario público de autorremisión.` +
      `${v.waiting > 1 ? ` En total, ${v.waiting} solicitudes esperan revisión.` : ''}\n\n` +
      `Revíselas en Braid: ${v.link}\n\n` +
      `Braid envía como máximo uno de estos correos cada ${v.minutes} minutos; las solicitudes que llegan entretanto esperan en la misma cola y en su página de inicio.\n`,
  }),

  referral_received: (v): Mail => ({
    subject: `Nueva derivación a ${v.service}`,
    text: `Una nueva derivación ${urgencia[v.urgency]} a ${v.service} espera su respuesta.\n\nÁbrala en Braid: ${v.link}\n`,
  }),

  referral_escalated: (v): Mail => ({
    subject: v.referrals.length === 1 ? `Derivación vencida a ${v.referrals[0].service}` : `${v.referrals.length} derivaciones vencidas`,
    text: `Estas derivaciones no se aceptaron antes de su fecha límite y se le escalan a usted:\n\n${v.referrals
      .map(
        (r) =>
          `- ${r.service} en ${r.receiver}, enviada por ${r.sender ?? 'autorremisión'}, vencía el ${r.due}${r.again ? ' (escalada de nuevo)' : ''}\n  ${r.link}`,
      )
      .join('\n')}\n\nAbra las derivaciones vencidas: ${v.listLink}\n`,
  }),

  referral_deadlines_moved: (v): Mail => ({
    subject:
      v.deadlines.length === 1
        ? `Cambió el plazo de respuesta: ${v.deadlines[0].service}`
        : `Cambiaron los plazos de respuesta de ${v.deadlines.length} derivaciones`,
    text: `Cambió el calendario de feriados de la alianza (${[
      v.added.length ? `se ${v.added.length > 1 ? 'agregaron' : 'agregó'} ${listed(v.added, 'y')}` : '',
      v.removed.length ? `se ${v.removed.length > 1 ? 'quitaron' : 'quitó'} ${listed(v.removed, 'y')}` : '',
    ]
      .filter(Boolean)
      .join('; ')}). Los plazos cuentan días hábiles sin feriados, así que ${
      v.deadlines.length === 1
        ? 'esta derivación pendiente de respuesta tiene un plazo nuevo'
        : 'estas derivaciones pendientes de respuesta tienen plazos nuevos'
    }:\n\n${v.deadlines
      .map(
        (r) =>
          `- ${r.service} en ${r.receiver}, enviada por ${r.sender ?? 'autorremisión'}: ahora vence el ${r.to} (antes, el ${r.from})\n  ${r.link}`,
      )
      .join('\n')}\n\nEl historial de cada derivación muestra el cambio.\n`,
  }),

  directory_reverify: (v): Mail => ({
    subject:
      v.entries.length === 1
        ? `Confirme su ficha del directorio: ${v.entries[0].name}`
        : `${v.entries.length} fichas del directorio necesitan verificarse de nuevo`,
    text:
      `Los orientadores derivan personas a ${v.organization} con estas fichas del directorio de servicios, que nadie ha confirmado desde hace tiempo:\n\n` +
      `${v.entries.map((s) => `- ${s.name} (última verificación: ${s.verified ?? 'nunca'})\n  ${s.link}`).join('\n')}\n\n` +
      `Abra cada una: si nada ha cambiado, basta un clic en "Confirmar que la ficha está al día"; si no, edítela.\n` +
      `Todas: ${v.allLink}\n`,
  }),

  survey_invitation: (v): Mail => ({
    subject: `${v.tenant}: ${v.title}`,
    text: `Hola ${v.name}:\n\n${v.tenant} le hace a ${v.organization} unas preguntas sobre sus necesidades de contratación: "${v.title}".\n\n${v.intro ? `${v.intro}\n\n` : ''}Responda aquí. No necesita una cuenta; el enlace es solo para usted, sirve para un envío de respuestas y vence el ${v.expires}:\n${v.link}\n\nGracias.\n`,
  }),

  survey_reminder: (v): Mail => ({
    subject: `Recordatorio: ${v.tenant}: ${v.title}`,
    text: `Hola ${v.name}:\n\n${v.tenant} todavía quiere conocer las necesidades de contratación de ${v.organization}: "${v.title}".\n\n${v.intro ? `${v.intro}\n\n` : ''}Responda aquí. No necesita una cuenta; este enlace nuevo reemplaza al anterior, es solo para usted, sirve para un envío de respuestas y vence el ${v.expires}:\n${v.link}\n\nSi ya respondió, gracias: puede ignorar este mensaje.\n`,
  }),
};
