// The core's English catalogue: patient-facing printouts. ICU MessageFormat (FormatJS). The source
// language: every other catalogue has exactly these keys (checked by the type and by a test).
export const en = {
  'sheet.title': 'After your hair mesotherapy session',
  'sheet.patient': 'Patient: {name}',
  'sheet.date': 'Session: {date}',
  'sheet.clinician': 'Treated by: {name}',
  'sheet.serum': 'Serum: {name} (lot {lot})',
  'sheet.summary.heading': 'What was done',
  'sheet.summary.body': '{count, plural, one {# microinjection} other {# microinjections}} into {zones, plural, one {# area} other {# areas}} of your scalp, {volume} in all.',
  'sheet.summary.none': 'No serum was injected in this session.',
  'sheet.zones.heading': 'Areas treated',
  'sheet.zones.row': '{count, plural, one {# injection} other {# injections}}, {volume}',
  'sheet.aftercare.heading': 'Looking after your scalp',
  'sheet.aftercare.noWash': 'Do not wash or wet your hair for 8 hours.',
  'sheet.aftercare.noSweat': 'For 8 hours, avoid showers, swimming pools, saunas and exercise that makes you sweat.',
  'sheet.aftercare.noProducts': 'For 12 hours, put no medication or other product on your hair or scalp, including the take-home pack.',
  'sheet.aftercare.noSun': 'Keep your scalp out of the sun for 48 hours.',
  'sheet.aftercare.pain': 'Mild soreness for a few hours is normal; a mild painkiller can ease it.',
  'sheet.aftercare.expected': 'Slight itching or small bruises may appear; they fade within a few days.',
  'sheet.aftercare.call': 'Call the clinic at once if you notice swelling, a rash, fever, or pain that gets worse. If you find it hard to breathe, call the emergency services.',
  'sheet.footer': 'Printed {date} · session {id} · {station}',
  'sheet.training': 'TRAINING: not a clinical record',
  'zone.frontal': 'Frontal (hairline)',
  'zone.mid_scalp': 'Mid-scalp',
  'zone.vertex': 'Crown (vertex)',
  'zone.temporal_left': 'Left temple',
  'zone.temporal_right': 'Right temple',
  'zone.parietal_left': 'Left side (parietal)',
  'zone.parietal_right': 'Right side (parietal)',
  'zone.occipital': 'Back of the head (occipital)',
} as const;

export type CoreMessageId = keyof typeof en;
export type CoreCatalogue = Record<CoreMessageId, string>;
