// Türkçe ekran metinleri. Klinik terimler: termoterapi, mezoterapi, papül, naparj (nappage), lot,
// yumuşak/kesin sınır, onam.
import type { UiCatalogue } from './en.js';

export const tr: UiCatalogue = {
  'app.stationFallback': 'Uygulama odası istasyonu',

  'login.title': 'Giriş',
  'login.username': 'Kullanıcı adı',
  'login.password': 'Parola',
  'login.submit': 'Giriş yap',
  'login.gunDisarmed': '{name} çıkış yapmadan önce tabanca devre dışı bırakıldı.',

  'lock.title': 'İstasyon kilitli',
  'lock.lockedFor': '{name} ({username}) için kilitlendi.',
  'lock.lockedNobody': 'Bu istasyon kilitli.',
  'lock.hidden': 'Parola yeniden girilene kadar hasta bilgileri gizli kalır.',
  'lock.gunDisarmed': 'İstasyon kilitlenmeden önce tabanca devre dışı bırakıldı. Kilidi açtıktan sonra yeniden etkinleştirin.',
  'lock.logout': 'Çıkış yap (kullanıcı değiştir)',
  'lock.unlock': 'Kilidi aç',
};
