// Textos de pantalla en español (España). Términos clínicos: termoterapia, mesoterapia, pápula,
// nappage, lote, límite recomendado/máximo, consentimiento informado.
import type { UiCatalogue } from './en.js';

export const es: UiCatalogue = {
  'app.stationFallback': 'Puesto de la sala de tratamiento',

  'login.title': 'Iniciar sesión',
  'login.username': 'Usuario',
  'login.password': 'Contraseña',
  'login.submit': 'Entrar',
  'login.gunDisarmed': 'La pistola se desarmó antes de que {name} cerrara la sesión.',

  'lock.title': 'Puesto bloqueado',
  'lock.lockedFor': 'Bloqueado para {name} ({username}).',
  'lock.lockedNobody': 'Este puesto está bloqueado.',
  'lock.hidden': 'Los datos de los pacientes permanecen ocultos hasta que se vuelva a introducir la contraseña.',
  'lock.gunDisarmed': 'La pistola se desarmó antes de bloquear el puesto. Vuelva a armarla después de desbloquear.',
  'lock.logout': 'Cerrar sesión (cambiar de usuario)',
  'lock.unlock': 'Desbloquear',
};
