// The renderer's kit: the pieces every screen builds from, so a table, a labelled field, a typed figure
// or a patient search looks and behaves the same everywhere.
export { DataTable, buttonColumn, sortOrder, sortRows, nextSort, textCollator, type Column, type SortKey, type SortState } from './DataTable.js';
export { Field, TextField, type FieldProps } from './Field.js';
export { Card, Screen, type TitleAction } from './Card.js';
export { Pager } from './Pager.js';
export { FailureScope, FormAlert } from './failureScope.js';
export { Form, Actions, FormEnd } from './Form.js';
export { UnitInput, useQuantities } from './UnitInput.js';
export { Check, toggle } from './Check.js';
export { Select, Radios, type Options } from './Choice.js';
export { Credentials, NO_CREDENTIALS, complete, type CredentialsValue } from './Credentials.js';
export { ReasonButton, ReasonDialog } from './ReasonDialog.js';
export { InlineReason, useInlineReason } from './InlineReason.js';
export { NewPassword, NO_PASSWORD, chosenPassword, type NewPasswordValue } from './NewPassword.js';
export { PatientPicker, patientLabel } from './PatientPicker.js';
export { LocaleProvider, useLocale } from './locale.js';
export { parseQuantity, quantityText, readQuantity, unreadableText, type Quantity } from './quantities.js';
