// Español: los documentos que se entregan al paciente. Términos según el uso clínico en España
// (revisado por un lector con dominio del español clínico, un agente de revisión, el 2026-11-30: «producto»,
// no «sérum», que en España es un cosmético tópico):
// mesoterapia capilar, cuero cabelludo, lote; las zonas con su nombre común y el anatómico.
import type { CoreCatalogue } from './en.js';

export const es: CoreCatalogue = {
  'sheet.title': 'Después de su sesión de mesoterapia capilar',
  'sheet.patient': 'Paciente: {name}',
  'sheet.date': 'Sesión: {date}',
  'sheet.clinician': 'Realizada por: {name}',
  'sheet.serum': 'Producto: {name} (lote {lot})',
  'sheet.summary.heading': 'Tratamiento realizado',
  'sheet.summary.body': '{count, plural, one {# microinyección} other {# microinyecciones}} en {zones, plural, one {# zona} other {# zonas}} del cuero cabelludo; {volume} en total.',
  'sheet.summary.none': 'En esta sesión no se inyectó ningún producto.',
  'sheet.zones.heading': 'Zonas tratadas',
  'sheet.zones.row': '{count, plural, one {# inyección} other {# inyecciones}}, {volume}',
  'sheet.aftercare.heading': 'Cuidados del cuero cabelludo',
  'sheet.aftercare.noWash': 'No se lave ni se moje el pelo durante 8 horas.',
  'sheet.aftercare.noSweat': 'Durante 8 horas, evite la ducha, la piscina, la sauna y el ejercicio que le haga sudar.',
  'sheet.aftercare.noProducts': 'Durante 12 horas, no se aplique medicamentos ni ningún otro producto en el pelo ni en el cuero cabelludo, incluidos los del kit para casa.',
  'sheet.aftercare.noSun': 'No exponga el cuero cabelludo al sol durante 48 horas.',
  'sheet.aftercare.pain': 'Es normal notar una molestia leve durante unas horas; un analgésico suave puede aliviarla.',
  'sheet.aftercare.expected': 'Pueden aparecer un picor leve o pequeños hematomas, que desaparecen en pocos días.',
  'sheet.aftercare.call': 'Llame a la clínica de inmediato si nota hinchazón, una erupción en la piel, fiebre o un dolor que va en aumento. Si le cuesta respirar, llame al 112.',
  'sheet.footer': 'Impreso el {date} · sesión {id} · {station}',
  'sheet.training': 'FORMACIÓN: no es un registro clínico',
  'zone.frontal': 'Frontal (línea del pelo)',
  'zone.mid_scalp': 'Zona media',
  'zone.vertex': 'Coronilla (vértex)',
  'zone.temporal_left': 'Sien izquierda (temporal)',
  'zone.temporal_right': 'Sien derecha (temporal)',
  'zone.parietal_left': 'Lateral izquierdo (parietal)',
  'zone.parietal_right': 'Lateral derecho (parietal)',
  'zone.occipital': 'Parte posterior de la cabeza (occipital)',
};
