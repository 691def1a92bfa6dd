// The consent forms a new station starts with, one per language, for hair mesotherapy. They say what
// the seeds and the literature say about the treatment (domain.md); a clinic's admin adapts them in
// Consent forms, and every edit is a new version.
export const SEEDED_CONSENT_FORMS = [
  {
    treatment: 'hair-mesotherapy',
    language: 'en',
    title: 'Consent to hair mesotherapy',
    body: [
      'I agree to a course of hair mesotherapy at this clinic. Each session begins with thermotherapy (ozonised steam and a scalp massage), then small injections of a serum into the scalp with a computer-controlled injection gun, then closing care with an oil serum.',
      'The serum may contain vitamins, minerals, keratolytic agents, minoxidil, a circulation booster and a local anaesthetic. I have told the clinician about my allergies, medicines, pregnancy or breastfeeding, and any illness.',
      'I understand the possible effects: mild pain for some hours, itching, bruising, and rarely an allergic reaction, scarring or patchy hair loss at injection sites. Results are not guaranteed and usually take several months.',
      'After each session I will not wash or wet my hair, or apply products or medication to it, for the time the clinician tells me.',
      'I may withdraw this consent at any time, and the clinic will record that I did.',
    ].join('\n\n'),
  },
  {
    treatment: 'hair-mesotherapy',
    language: 'tr',
    title: 'Saç mezoterapisi için onam',
    body: [
      'Bu klinikte bir saç mezoterapisi kürüne onay veriyorum. Her seans termoterapi ile (ozonlu buhar ve saçlı deri masajı) başlar; ardından bilgisayar kontrollü bir enjeksiyon tabancasıyla saçlı deriye küçük serum enjeksiyonları yapılır; son olarak yağlı bir serumla kapanış bakımı uygulanır.',
      'Serum vitaminler, mineraller, keratolitik maddeler, minoksidil, dolaşımı artırıcı bir madde ve lokal anestezik içerebilir. Alerjilerimi, kullandığım ilaçları, gebelik veya emzirme durumumu ve hastalıklarımı klinisyene bildirdim.',
      'Olası etkileri anladım: birkaç saat süren hafif ağrı, kaşıntı, morarma; nadiren alerjik reaksiyon, iz kalması veya enjeksiyon yerlerinde yama şeklinde saç dökülmesi. Sonuç garanti edilmez ve genellikle birkaç ay sürer.',
      'Her seanstan sonra klinisyenin söylediği süre boyunca saçımı yıkamayacak, ıslatmayacak ve saçıma ürün veya ilaç uygulamayacağım.',
      'Bu onamı istediğim zaman geri çekebilirim; klinik bunu kayda geçirir.',
    ].join('\n\n'),
  },
  {
    treatment: 'hair-mesotherapy',
    language: 'es',
    title: 'Consentimiento para mesoterapia capilar',
    body: [
      'Acepto un tratamiento de mesoterapia capilar en esta clínica. Cada sesión comienza con termoterapia (vapor ozonizado y un masaje del cuero cabelludo), después se aplican pequeñas inyecciones de un suero en el cuero cabelludo con una pistola de inyección controlada por ordenador y, al final, un cuidado de cierre con un suero oleoso.',
      'El suero puede contener vitaminas, minerales, agentes queratolíticos, minoxidil, un activador de la circulación y un anestésico local. He informado al clínico de mis alergias, medicamentos, embarazo o lactancia y de cualquier enfermedad.',
      'Entiendo los posibles efectos: dolor leve durante unas horas, picor, hematomas y, rara vez, una reacción alérgica, cicatrices o pérdida de cabello en placas en los puntos de inyección. Los resultados no están garantizados y suelen tardar varios meses.',
      'Después de cada sesión no lavaré ni mojaré el cabello, ni aplicaré productos o medicamentos en él, durante el tiempo que me indique el clínico.',
      'Puedo retirar este consentimiento en cualquier momento y la clínica lo dejará registrado.',
    ].join('\n\n'),
  },
] as const;
