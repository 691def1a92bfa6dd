// The renderer's kit: the pieces every screen builds from, so a table, a labelled field, a typed figure
// or a patient search looks and behaves the same everywhere.
export { DataTable, sortRows, nextSort, type Column, type SortKey, type SortState } from './DataTable.js';
export { Field, type FieldProps } from './Field.js';
export { FailureScope, FormAlert } from './failureScope.js';
export { UnitInput, useQuantities } from './UnitInput.js';
export { Check } from './Check.js';
export { PatientPicker, patientLabel } from './PatientPicker.js';
export { LocaleProvider, useLocale, windowLocale } from './locale.js';
export { parseQuantity, quantityText, readQuantity, unreadableText, type Quantity } from './quantities.js';
