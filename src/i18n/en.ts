import type { MessageKey } from './fi.js';

export const en: Record<MessageKey, string> = {
  'app.name': 'Kanta',
  'nav.customers': 'Customers',
  'nav.crm': 'CRM',
  'nav.settings': 'Settings',
  'nav.logout': 'Log out',
  'nav.skip': 'Skip to content',
  'nav.quickSearch': 'Quick search',
  'nav.quickSearchPlaceholder': 'Name, number, e-mail, phone, business ID, city…',
  'nav.language': 'Language',

  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.delete': 'Delete',
  'common.edit': 'Edit',
  'common.create': 'Add',
  'common.back': 'Back',
  'common.search': 'Search',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.next': 'Next page',
  'common.first': 'First page',
  'common.none': '—',
  'common.all': 'All',
  'common.actions': 'Actions',
  'common.confirmDelete': 'Delete for good?',
  'common.saved': 'Saved.',
  'common.deleted': 'Deleted.',
  'common.noRows': 'No rows.',
  'common.formErrors': 'Please check the errors in the form.',

  'error.title': 'Error',
  'error.notFound': 'The page or record was not found.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.unauthorized': 'Log in or give a valid API token.',
  'error.readonly': 'Read-only users cannot make changes.',
  'error.csrf': 'The form security token was missing or expired. Reload the page and try again.',
  'error.tooLarge': 'The data sent is too large.',
  'error.badRequest': 'Bad request.',
  'error.server': 'Unexpected error. Please try again shortly; saved data is safe.',
  'error.conflict':
    'Someone else changed this record while you were editing it. Your changes were not saved; the current data is shown below.',
  'error.home': 'Home',

  'validation.required': 'Required.',
  'validation.tooLong': 'Too long.',
  'validation.invalid': 'Invalid value.',
  'validation.email': 'Not a valid e-mail address.',
  'validation.phone': 'Not a valid phone number.',
  'validation.businessId': 'Not a valid business ID (format 1234567-8, check digit must match).',
  'validation.date': 'Not a valid date (e.g. 1.2.2026).',
  'validation.postalCode': 'Not a valid postal code (five digits).',
  'validation.country': 'Country code is two letters (e.g. FI).',
  'validation.integer': 'Enter a whole number.',
  'validation.range': 'The start of the number series must be below its end.',
  'validation.rangeOverlap': 'The number series overlaps the series of another customer kind.',
  'validation.password': 'The password must be at least 10 characters.',
  'validation.passwordMatch': 'The passwords do not match.',
  'validation.unique': 'This value is already in use.',
  'validation.username': 'Username: 2–50 characters, letters, digits, dot, dash or underscore.',

  'auth.title': 'Log in',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.passwordAgain': 'Password again',
  'auth.login': 'Log in',
  'auth.failed': 'Wrong username or password.',
  'auth.locked': 'Too many failed logins. Try again in 15 minutes.',
  'auth.loggedOut': 'You have logged out.',
  'auth.setupTitle': 'Create the first administrator',
  'auth.setupIntro': 'There are no users yet. Create an administrator who can then add the other staff.',
  'auth.displayName': 'Name',
  'auth.setupDone': 'Administrator created. Welcome!',
  'auth.sessionExpired': 'Your session has ended. Please log in again.',

  'role.admin': 'Administrator',
  'role.staff': 'Staff',
  'role.readonly': 'Read-only',

  // -- customers --
  'customers.rangeExhausted':
    'The number series of this customer kind is full. Extend it in the settings or choose another kind.',

  // -- settings (kinds, groups, users, API tokens) --

  // -- api --

  // -- demo and cli --
};
